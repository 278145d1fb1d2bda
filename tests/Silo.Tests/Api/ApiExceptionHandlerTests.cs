using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansBots.Silo.Api;

namespace OrleansBots.Silo.Tests.Api;

/// <summary>What a request that failed beyond its endpoint answers.</summary>
public sealed class ApiExceptionHandlerTests
{
    [Fact]
    public async Task StorageThatIsDownAnswers503WithRetryAfter()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };

        var handled = await new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance).TryHandleAsync(
            context, new NpgsqlException("Failed to connect to 127.0.0.1:5432"), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task AnUnexpectedErrorAnswers500WithoutInternals()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };

        await new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance).TryHandleAsync(
            context, new InvalidCastException("secret detail"), CancellationToken.None);

        context.Response.Body.Position = 0;
        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.DoesNotContain("secret detail", await new StreamReader(context.Response.Body).ReadToEndAsync());
    }
}

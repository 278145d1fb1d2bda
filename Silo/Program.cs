using OrleansBots;
using OrleansBots.Silo.Api;
using OrleansBots.Silo.Auth;
using OrleansBots.Silo.Charts;
using OrleansBots.Silo.Configuration;
using OrleansBots.Silo.Hosting;

var dotEnv = DotEnvFile.Load();
var command = args.FirstOrDefault();
var builder = WebApplication.CreateBuilder(command is "migrate" or "healthcheck" ? args[1..] : args);
if (command == "migrate")
{
    return await MigrateCommand.RunAsync(builder.Configuration);
}

if (command == "healthcheck")
{
    return await HealthcheckCommand.RunAsync(builder.Configuration);
}

// The settings the host reads while it is put together are checked first; every feature's section after Build().
if (StartupProblems.Refuse(builder.AddPlatformSettings()))
{
    return StartupProblems.ExitCode;
}

builder.UseSiloDefaults();

// Before the silo: hosted services stop in reverse order, so the alert webhook and the resource monitor
// still run while the silo stops and the metrics publisher sends its last batch.
builder.Services.AddPlatform();
builder.UseOrleans(silo => silo.AddPlatformSilo(builder.Configuration));
builder.Services.AddPlatformHosting(builder.Configuration).AddCharts().AddAdminAuth().AddPlatformApi();

if (builder.BuildChecked() is not { } app)
{
    return StartupProblems.ExitCode;
}

var log = app.LogStart(dotEnv);
if (!await app.PrepareStorageAsync(log))
{
    return 1;
}

app.MapPlatformApi();
await app.RunAsync();
return 0;

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansBots.Contracts;

/// <summary>Writes a percentage with at least one decimal (75.0, not 75), as the seed platform's monitoring reads it.</summary>
public sealed class OneDecimalJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString("0.0###", CultureInfo.InvariantCulture), skipInputValidation: true);
}

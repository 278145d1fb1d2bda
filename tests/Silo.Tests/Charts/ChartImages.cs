using System.Xml.Linq;

namespace OrleansBots.Silo.Tests.Charts;

/// <summary>What makes bytes a real image: the PNG signature and a non-trivial size, or SVG that parses as XML.</summary>
public static class ChartImages
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void AssertPng(byte[] bytes)
    {
        Assert.True(bytes.Length > 2000, $"PNG of {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
    }

    public static XDocument AssertSvg(byte[] bytes)
    {
        var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        return svg;
    }
}

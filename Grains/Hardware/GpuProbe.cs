using System.Diagnostics;
using System.Globalization;

namespace OrleansBots.Hardware;

/// <summary>NVIDIA GPUs from /proc/driver/nvidia, else from <c>nvidia-smi</c> when it is on PATH (2 s at most); null when there are none.</summary>
public static class GpuProbe
{
    private static readonly TimeSpan SmiTimeout = TimeSpan.FromSeconds(2);

    public static IReadOnlyList<GpuInfo>? Read(HostFiles files, Func<string?> nvidiaSmi)
    {
        var fromProc = files.List("/proc/driver/nvidia/gpus")
            .Select(gpu => ParseInformation(files.Read($"/proc/driver/nvidia/gpus/{gpu}/information")))
            .OfType<GpuInfo>()
            .ToList();
        if (fromProc.Count > 0)
        {
            // /proc has no memory size; nvidia-smi does, when it is there.
            var fromSmi = ParseSmi(nvidiaSmi());
            return fromSmi.Count == fromProc.Count ? fromSmi : fromProc;
        }

        var listed = ParseSmi(nvidiaSmi());
        return listed.Count > 0 ? listed : null;
    }

    /// <summary>/proc/driver/nvidia/gpus/*/information: "Model:  NVIDIA A100-SXM4-40GB" among other lines.</summary>
    public static GpuInfo? ParseInformation(string? text)
    {
        var model = text?.Split('\n')
            .Select(line => line.Split(':', 2))
            .FirstOrDefault(parts => parts.Length == 2 && parts[0].Trim() == "Model")?[1].Trim();
        return string.IsNullOrEmpty(model) ? null : new GpuInfo(model, null, "proc");
    }

    /// <summary><c>nvidia-smi --query-gpu=name,memory.total --format=csv,noheader</c>: "NVIDIA T4, 15360 MiB" per line.</summary>
    public static IReadOnlyList<GpuInfo> ParseSmi(string? output) =>
        (output ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(','))
            .Where(parts => parts.Length >= 2 && parts[0].Trim().Length > 0)
            .Select(parts => new GpuInfo(parts[0].Trim(), ParseMebibytes(parts[1]), "nvidia-smi"))
            .ToList();

    /// <summary>Runs nvidia-smi when it is on PATH; null when it is not, fails or takes too long.</summary>
    public static string? RunNvidiaSmi()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, "nvidia-smi")));
        if (!onPath)
        {
            return null;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", "--query-gpu=name,memory.total --format=csv,noheader")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(SmiTimeout))
            {
                process.Kill();
                return null;
            }

            return process.ExitCode == 0 ? output.Result : null;
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private static long? ParseMebibytes(string text)
    {
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var mib) ? mib * 1024 * 1024 : null;
    }
}

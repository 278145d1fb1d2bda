using System.Runtime.InteropServices;

namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>POSIX signals to a process the test started, by its PID.</summary>
public static class Signals
{
    public const int Interrupt = 2;
    public const int Term = 15;
    public const int Stop = 19;
    public const int Continue = 18;

    public static void Send(int pid, int signal) => _ = Kill(pid, signal);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

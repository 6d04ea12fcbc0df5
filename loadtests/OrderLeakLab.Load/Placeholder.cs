namespace OrderLeakLab.Load;

internal static class Placeholder;

namespace OrderLeakLab.Inspect;

internal static class Placeholder;

namespace OrderLeakLab.Inspect;

/// <summary>TimerGroup is the scheduled timers that fire the same callback with the same kind of state, every the same period.</summary>
/// <param name="Callback">What the timer calls, e.g. <c>LeakyStockReservation.CheckoutAsync.lambda</c>, or <c>Task.Delay</c> and who awaits it.</param>
/// <param name="State">The type of the state it is called with (what the timer keeps alive), e.g. <c>StockReservation</c>.</param>
/// <param name="PeriodMs">Its period in milliseconds; null for a one-shot timer.</param>
/// <param name="Count">How many.</param>
public sealed record TimerGroup(string Callback, string State, long? PeriodMs, long Count)
{
    /// <summary>One line: <c>60,000 timers firing X(StockReservation) every 250 ms</c>.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Count:N0} timers firing {Callback}({State}){(PeriodMs is { } p ? $" every {p:N0} ms" : " once")}");
}

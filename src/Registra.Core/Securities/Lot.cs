using Registra.Amounts;

namespace Registra.Securities;

/// <summary>Units acquired at one instant; holding periods run per lot.</summary>
public readonly record struct Lot(Amount Amount, DateTimeOffset AcquiredAt);

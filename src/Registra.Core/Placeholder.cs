namespace Registra; internal static class Placeholder { }

namespace SurgeCollapse.Simd;

/// <summary>
/// Bad input from a user (a file, an option, a shape): the message names the problem and is meant to be
/// shown as one line. Anything else thrown by the engine is a bug.
/// </summary>
public sealed class UserInputException : Exception
{
    /// <summary>Creates the exception with a message that names the input, the field and expected vs got.</summary>
    public UserInputException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public UserInputException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public UserInputException() : base("invalid input") { }
}

using SurgeCollapse.Simd;

namespace SurgeCollapse.Cli.Commands;

/// <summary>Turns an engine option record's range check into a user error on the command line.</summary>
internal static class OptionValidation
{
    /// <summary>Runs <paramref name="validate"/>; an out-of-range option becomes a one-line <see cref="UserInputException"/>.</summary>
    public static void Check(Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentOutOfRangeException error)
        {
            // The records name the option, its value and the allowed range in the first line of the message.
            string firstLine = error.Message.Split('\n', 2)[0].Trim();
            throw new UserInputException(firstLine, error);
        }
    }
}

namespace CoProduce.Grains.Reports;

/// <summary>Builds a section's detail rows; the first column is always the project, so a network's rows can be told apart.</summary>
public sealed class ReportTableBuilder(params string[] columns)
{
    private readonly List<IReadOnlyList<string>> _rows = [];

    public void Add(ReportSubject subject, params string[] cells) => _rows.Add([subject.ProjectName, .. cells]);

    public ReportTable Build() => new(["project", .. columns], _rows);

    public static string YesNo(bool value) => value ? "yes" : "no";
}

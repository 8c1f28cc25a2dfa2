using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Registra.Tests.Api.Contract;

/// <summary>
/// Generates a C# client from the live /openapi/v1.json with NSwag, compiles it with Roslyn and
/// calls the API through it, so a client generator can read the document as it is served.
/// </summary>
public sealed class GeneratedClientTests
{
    private const string ClientNamespace = "Registra.Generated";
    private const string ClientClass = "RegistraClient";

    [Fact]
    public async Task NSwagClient_Compiles_AndListsSecurities()
    {
        await using var api = await ApiFixture.StartAsync();
        await api.SeedAsync(2, "alice");
        var code = await GenerateClientAsync(api);

        var (assembly, errors) = Compile(code);

        Assert.True(errors.Count == 0, "the generated client does not compile:\n" + string.Join("\n", errors.Take(20)));
        var client = Activator.CreateInstance(assembly!.GetType($"{ClientNamespace}.{ClientClass}", throwOnError: true)!, api.Operator)!;
        var list = client.GetType().GetMethod("ListSecuritiesAsync", [typeof(int?), typeof(string)])!;
        var page = await AwaitResult((Task)list.Invoke(client, [null, null])!);
        var items = (IEnumerable)page.GetType().GetProperty("Items")!.GetValue(page)!;
        var first = items.Cast<object>().Single();

        Assert.Equal("acme", first.GetType().GetProperty("IssuerId")!.GetValue(first));
        Assert.Equal("0", first.GetType().GetProperty("Supply")!.GetValue(first));
    }

    private static async Task<string> GenerateClientAsync(ApiFixture api)
    {
        var json = await api.Client(null).GetStringAsync("/openapi/v1.json");
        var document = await NSwag.OpenApiDocument.FromJsonAsync(json);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = ClientClass,
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            CSharpGeneratorSettings = { Namespace = ClientNamespace, JsonLibrary = CSharpJsonLibrary.SystemTextJson },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile();
    }

    /// <summary>Compiles against the assemblies of the running .NET runtime; returns the loaded assembly or the error diagnostics.</summary>
    private static (Assembly? Assembly, List<string> Errors) Compile(string code)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = platform.Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Registra.Generated.Client",
            [CSharpSyntaxTree.ParseText(code)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        if (!result.Success)
        {
            return (null, errors);
        }

        image.Position = 0;
        return (new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(image), errors);
    }

    private static async Task<object> AwaitResult(Task task)
    {
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task)!;
    }
}

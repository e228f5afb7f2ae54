package dev.skywarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.sigma.LogSource;
import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleException;
import dev.skywarden.core.sigma.correlation.ResolvedCorrelation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code skywarden rules list}: one line per rule of the built-in pack and of the given paths, with
 * id, level, log source, ATT&amp;CK techniques and title, then one line per correlation rule, whose
 * log source column names its type ({@code correlation/value_count}).
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Lists the built-in rules and the rules under PATH: id, level, log source, ATT&CK"
          + " techniques and title. Correlation rules follow the detection rules, with"
          + " 'correlation/<type>' in place of the log source and the techniques of the rules they"
          + " reference when they tag none.",
      "Rules that fail to load are reported on standard error and left out; the exit code stays"
          + " 0. Use 'rules check' to validate."
    })
final class RulesListCommand implements Callable<Integer> {

  /** The output formats of {@code rules list}. */
  enum Format {
    /** A table with a header line. */
    TABLE,
    /** One JSON object per rule and line, with every tag and the rule's file and line. */
    JSONL
  }

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description = "Rule files, or directories searched recursively for .yml and .yaml files.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--no-builtin", description = "Leave out the built-in rule pack.")
  boolean noBuiltin;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.TABLE;

  @Mixin SigmaConfigOptions engine;

  @Override
  public Integer call() throws IOException {
    if (noBuiltin && paths.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "--no-builtin leaves no rule: give a PATH as well");
    }
    LoadedRules loaded;
    try {
      loaded = LoadedRules.load(engine.toConfig(), !noBuiltin, paths);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "path not found: " + e.getFile());
    }

    PrintWriter err = spec.commandLine().getErr();
    for (SigmaRuleException error : loaded.errors()) {
      err.println("skywarden: " + error.getMessage());
    }
    if (!loaded.errors().isEmpty()) {
      err.println("skywarden: " + loaded.summary());
    }
    err.flush();

    PrintWriter out = spec.commandLine().getOut();
    List<ResolvedCorrelation> correlations = loaded.correlations().correlations();
    if (format == Format.JSONL) {
      writeJsonLines(loaded.rules(), correlations, out);
    } else {
      writeTable(loaded.rules(), correlations, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void writeTable(
      List<SigmaRule> rules, List<ResolvedCorrelation> correlations, PrintWriter out) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("ID", "LEVEL", "LOG SOURCE", "ATT&CK", "TITLE"));
    for (SigmaRule rule : rules) {
      rows.add(
          List.of(
              rule.id() == null ? "-" : rule.id(),
              rule.level() == null ? "-" : rule.level().toString(),
              logSource(rule.logSource()),
              rule.attackTechniques().isEmpty() ? "-" : String.join(",", rule.attackTechniques()),
              rule.title()));
    }
    for (ResolvedCorrelation correlation : correlations) {
      SigmaCorrelationRule rule = correlation.rule();
      rows.add(
          List.of(
              rule.id() == null ? "-" : rule.id(),
              rule.level() == null ? "-" : rule.level().toString(),
              "correlation/" + rule.type().specName(),
              correlation.techniqueIds().isEmpty()
                  ? "-"
                  : String.join(",", correlation.techniqueIds()),
              rule.title()));
    }
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = row.get(i).replaceAll("\\p{Cntrl}", " ");
        line.append(i == widths.length - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** Returns product/service/category, leaving out the parts the rule does not set. */
  private static String logSource(LogSource logSource) {
    List<String> parts = new ArrayList<>();
    for (String part :
        new String[] {logSource.product(), logSource.service(), logSource.category()}) {
      if (part != null) {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }

  private static void writeJsonLines(
      List<SigmaRule> rules, List<ResolvedCorrelation> correlations, PrintWriter out)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    for (SigmaRule rule : rules) {
      ObjectNode line = mapper.createObjectNode();
      line.put("type", "rule");
      line.put("id", rule.id());
      line.put("title", rule.title());
      line.put("level", rule.level() == null ? null : rule.level().toString());
      line.put("status", rule.status());
      ObjectNode logSource = line.putObject("logsource");
      logSource.put("product", rule.logSource().product());
      logSource.put("service", rule.logSource().service());
      logSource.put("category", rule.logSource().category());
      rule.attackTechniques().forEach(line.putArray("techniques")::add);
      rule.attackTactics().forEach(line.putArray("tactics")::add);
      rule.tags().forEach(line.putArray("tags")::add);
      line.put("file", rule.location().file());
      line.put("line", rule.location().line());
      out.println(mapper.writeValueAsString(line));
    }
    for (ResolvedCorrelation correlation : correlations) {
      out.println(mapper.writeValueAsString(correlationLine(mapper, correlation)));
    }
  }

  /** Returns the JSON line of a correlation: its metadata and the core of its section. */
  private static ObjectNode correlationLine(ObjectMapper mapper, ResolvedCorrelation correlation) {
    SigmaCorrelationRule rule = correlation.rule();
    ObjectNode line = mapper.createObjectNode();
    line.put("type", "correlation");
    line.put("id", rule.id());
    line.put("name", rule.name());
    line.put("title", rule.title());
    line.put("level", rule.level() == null ? null : rule.level().toString());
    line.put("status", rule.status());

    ObjectNode section = line.putObject("correlation");
    section.put("type", rule.type().specName());
    ArrayNode references = section.putArray("rules");
    rule.rules().forEach(reference -> references.add(reference.reference()));
    rule.groupBy().forEach(section.putArray("group-by")::add);
    section.put("timespan", rule.timespan().text());
    section.put("condition", rule.condition().comparisonText());
    section.put("generate", rule.generate());

    correlation.techniqueIds().forEach(line.putArray("techniques")::add);
    rule.tags().forEach(line.putArray("tags")::add);
    line.put("file", rule.location().file());
    line.put("line", rule.location().line());
    return line;
  }
}

package dev.skywarden.core.mappings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the views of {@code skywarden mappings}: a technique with every framework's mappings and
 * Skywarden's own coverage, and a control with the techniques it is mapped to.
 *
 * <p>Immutable and safe to share between threads when the coverage sources are.
 */
public final class MappingExplorer {

  private static final int SUGGESTIONS = 5;

  private final MappingCatalog catalog;
  private final List<CoverageSource> sources;

  /**
   * Creates an explorer.
   *
   * @param catalog the mappings catalogue, bundled or with imported files
   * @param sources the coverage sources to join, such as {@link SigmaRuleIndex#builtin()}
   */
  public MappingExplorer(MappingCatalog catalog, List<CoverageSource> sources) {
    this.catalog = catalog;
    this.sources = List.copyOf(sources);
  }

  /**
   * Resolves framework names a user gave ({@link Framework#matches}) to frameworks.
   *
   * @return the frameworks named, in catalogue order; empty for an empty list of names
   * @throws IllegalArgumentException when a name matches no framework; the message lists the keys
   */
  public List<Framework> frameworks(Collection<String> names) {
    List<Framework> selected = new ArrayList<>();
    for (String name : names) {
      List<Framework> found = catalog.frameworksNamed(name);
      if (found.isEmpty()) {
        List<String> keys = catalog.frameworks().stream().map(Framework::key).toList();
        throw new IllegalArgumentException(
            "unknown framework '" + name + "': use one of " + String.join(", ", keys));
      }
      selected.addAll(found);
    }
    return catalog.frameworks().stream().filter(selected::contains).toList();
  }

  /**
   * Builds the view of one technique.
   *
   * @param id the ATT&CK id in any case, such as {@code t1059.009}
   * @param filter the frameworks to show; empty for all. Coverage always uses all frameworks'
   *     controls.
   * @throws UnknownIdException when the catalogue has no such technique; the message suggests close
   *     ids and names
   */
  public TechniqueView technique(String id, List<Framework> filter) {
    AttackTechnique technique = catalog.technique(id).orElseThrow(() -> unknownTechnique(id));

    List<Mapping> mappings = catalog.mappings(technique.id());
    Map<Framework, List<Mapping>> grouped = new LinkedHashMap<>();
    for (Mapping mapping : mappings) {
      if (filter.isEmpty() || filter.contains(mapping.framework())) {
        grouped.computeIfAbsent(mapping.framework(), key -> new ArrayList<>()).add(mapping);
      }
    }
    List<FrameworkMappings> frameworks = new ArrayList<>();
    grouped.forEach((framework, list) -> frameworks.add(new FrameworkMappings(framework, list)));

    List<AttackTechnique> subTechniques =
        technique.parentId() == null ? catalog.subTechniques(technique.id()) : List.of();
    TechniqueCoverage coverage = TechniqueCoverage.of(technique.id(), mappings, sources);
    return new TechniqueView(
        technique, catalog.attackVersion(), subTechniques, frameworks, coverage);
  }

  /**
   * Builds the view of one control: the techniques it is mapped to.
   *
   * @param controlId a control id in any form {@link ControlIds#key} normalises, or a CSF
   *     subcategory such as {@code PR.AA-05}
   * @param filter the frameworks to search; empty for all
   * @throws UnknownIdException when no mapping of the searched frameworks names the control
   */
  public ControlView control(String controlId, List<Framework> filter) {
    Map<Framework, List<Mapping>> grouped = new LinkedHashMap<>();
    for (Framework framework : catalog.frameworks()) {
      if (filter.isEmpty() || filter.contains(framework)) {
        grouped.put(framework, new ArrayList<>());
      }
    }
    Map<String, AttackTechnique> techniques = new TreeMap<>();
    for (Mapping mapping : catalog.mappingsForControl(controlId)) {
      List<Mapping> list = grouped.get(mapping.framework());
      if (list != null) {
        list.add(mapping);
        catalog
            .technique(mapping.techniqueId())
            .ifPresent(technique -> techniques.put(technique.id(), technique));
      }
    }

    List<FrameworkMappings> frameworks = new ArrayList<>();
    grouped.forEach(
        (framework, list) -> {
          if (!list.isEmpty()) {
            frameworks.add(new FrameworkMappings(framework, list));
          }
        });
    if (frameworks.isEmpty()) {
      throw unknownControl(controlId, filter);
    }
    return new ControlView(controlId, frameworks, new ArrayList<>(techniques.values()));
  }

  private UnknownIdException unknownTechnique(String id) {
    List<AttackTechnique> close = catalog.suggest(id, SUGGESTIONS);
    StringBuilder message =
        new StringBuilder("unknown ATT&CK technique '")
            .append(id.trim())
            .append("' (catalogue: ATT&CK v")
            .append(catalog.attackVersion())
            .append(')');
    if (close.isEmpty()) {
      message.append("; give an id such as T1059.009");
    } else {
      message.append("; did you mean ");
      List<String> names = new ArrayList<>();
      close.forEach(t -> names.add(t.id() + " (" + t.name() + ")"));
      message.append(String.join(", ", names)).append('?');
    }
    return new UnknownIdException(
        message.toString(), close.stream().map(AttackTechnique::id).toList());
  }

  private UnknownIdException unknownControl(String controlId, List<Framework> filter) {
    String key = ControlIds.key(controlId);
    List<String> close =
        catalog.capabilities().stream()
            .map(Capability::id)
            .sorted(
                Comparator.comparingInt(
                        (String id) -> TechniqueIds.editDistance(ControlIds.key(id), key))
                    .thenComparing(id -> id))
            .limit(SUGGESTIONS)
            .toList();
    String scope =
        filter.isEmpty()
            ? "any framework"
            : String.join(", ", filter.stream().map(Framework::key).toList());
    return new UnknownIdException(
        "no mapping names control '"
            + controlId.trim()
            + "' in "
            + scope
            + "; closest ids: "
            + String.join(", ", close),
        close);
  }
}

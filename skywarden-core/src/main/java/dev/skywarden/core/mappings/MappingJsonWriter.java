package dev.skywarden.core.mappings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes a view as one pretty-printed JSON document with snake_case field names. */
final class MappingJsonWriter implements MappingViewWriter {

  private final JsonFactory factory = new JsonFactory();

  @Override
  public void write(TechniqueView view, Writer out) throws IOException {
    try (JsonGenerator json = open(out)) {
      json.writeStartObject();
      json.writeFieldName("technique");
      writeTechnique(json, view.technique());
      json.writeStringField("attack_version", view.attackVersion());
      json.writeArrayFieldStart("sub_techniques");
      for (AttackTechnique sub : view.subTechniques()) {
        writeTechnique(json, sub);
      }
      json.writeEndArray();
      json.writeNumberField("mapping_count", view.mappingCount());
      writeFrameworks(json, view.frameworks());
      writeCoverage(json, view.coverage());
      json.writeEndObject();
    }
    out.write(System.lineSeparator());
  }

  @Override
  public void write(ControlView view, Writer out) throws IOException {
    try (JsonGenerator json = open(out)) {
      json.writeStartObject();
      json.writeStringField("control", view.query());
      json.writeNumberField("mapping_count", view.mappingCount());
      writeFrameworks(json, view.frameworks());
      json.writeArrayFieldStart("techniques");
      for (AttackTechnique technique : view.techniques()) {
        writeTechnique(json, technique);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.write(System.lineSeparator());
  }

  private JsonGenerator open(Writer out) throws IOException {
    JsonGenerator json = factory.createGenerator(out);
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    json.useDefaultPrettyPrinter();
    return json;
  }

  private static void writeTechnique(JsonGenerator json, AttackTechnique technique)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("id", technique.id());
    json.writeStringField("name", technique.name());
    writeStrings(json, "tactics", technique.tactics());
    writeStrings(json, "platforms", technique.platforms());
    json.writeBooleanField("active", technique.active());
    json.writeEndObject();
  }

  private static void writeFrameworks(JsonGenerator json, List<FrameworkMappings> groups)
      throws IOException {
    json.writeArrayFieldStart("frameworks");
    for (FrameworkMappings group : groups) {
      Framework framework = group.framework();
      json.writeStartObject();
      json.writeStringField("key", framework.key());
      json.writeStringField("label", framework.label());
      json.writeStringField("kind", framework.kind().name().toLowerCase(java.util.Locale.ROOT));
      json.writeStringField("framework", framework.framework());
      json.writeStringField("framework_version", framework.frameworkVersion());
      json.writeStringField("attack_version", framework.attackVersion());
      json.writeStringField("last_update", framework.lastUpdate());
      json.writeStringField("file", framework.file());
      json.writeArrayFieldStart("mappings");
      for (Mapping mapping : group.mappings()) {
        writeMapping(json, mapping);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeMapping(JsonGenerator json, Mapping mapping) throws IOException {
    json.writeStartObject();
    json.writeStringField("technique_id", mapping.techniqueId());
    json.writeStringField("capability_id", mapping.capability().id());
    json.writeStringField("capability_name", mapping.capability().name());
    json.writeStringField("capability_group", mapping.capability().group());
    json.writeStringField("mapping_type", mapping.type().label());
    json.writeStringField("raw_mapping_type", mapping.rawMappingType());
    json.writeStringField("score_category", mapping.scoreCategory());
    json.writeStringField("score_value", mapping.scoreValue());
    json.writeEndObject();
  }

  private static void writeCoverage(JsonGenerator json, TechniqueCoverage coverage)
      throws IOException {
    json.writeObjectFieldStart("coverage");
    writeStrings(json, "sources", coverage.sources());
    json.writeArrayFieldStart("detections");
    for (Detection detection : coverage.detections()) {
      json.writeStartObject();
      json.writeStringField("kind", detection.kind().name().toLowerCase(java.util.Locale.ROOT));
      json.writeStringField("id", detection.id());
      json.writeStringField("title", detection.title());
      json.writeStringField("level", detection.level());
      writeStrings(json, "techniques", detection.techniqueIds());
      json.writeStringField("origin", detection.origin());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeNumberField("posture_check_count", coverage.checkCount());
    json.writeArrayFieldStart("controls");
    for (ControlCoverage control : coverage.controls()) {
      json.writeStartObject();
      json.writeStringField("framework", control.framework().key());
      json.writeStringField("id", control.control().id());
      json.writeStringField("name", control.control().name());
      json.writeBooleanField("evidenced", control.evidenced());
      json.writeArrayFieldStart("checks");
      for (PostureCheck check : control.checks()) {
        json.writeStartObject();
        json.writeStringField("id", check.id());
        json.writeStringField("title", check.title());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeStrings(JsonGenerator json, String field, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }
}

package dev.skywarden.corpus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One inserted attack scenario, as written to {@code ground-truth.jsonl}.
 *
 * @param scenario the scenario id, such as {@code aws-cloudtrail-disabled}
 * @param title what the attacker does, in one line
 * @param techniques the ATT&CK technique ids
 * @param cloud the cloud the records are in
 * @param account the AWS account, Azure subscription or GCP project
 * @param identities the identities that act, as the logs name them (ARN, UPN, e-mail)
 * @param credential the access key, session key or service account key used, or {@code null}
 * @param sourceAddresses the attacker's addresses
 * @param start the time of the first record
 * @param end the time of the last record
 * @param eventIds the ids of every record of the scenario (CloudTrail eventID, Azure
 *     serviceRequestId, Entra id, GCP insertId)
 */
public record GroundTruth(
    String scenario,
    String title,
    List<String> techniques,
    Cloud cloud,
    String account,
    List<String> identities,
    String credential,
    List<String> sourceAddresses,
    Instant start,
    Instant end,
    List<String> eventIds) {

  public GroundTruth {
    techniques = List.copyOf(techniques);
    identities = List.copyOf(identities);
    sourceAddresses = List.copyOf(sourceAddresses);
    eventIds = List.copyOf(eventIds);
  }

  byte[] toJsonLine() {
    Map<String, Object> json =
        Json.obj(
            "scenario", scenario,
            "title", title,
            "techniques", techniques,
            "cloud", cloud.name().toLowerCase(java.util.Locale.ROOT),
            "account", account,
            "identities", identities,
            "credential", credential,
            "sourceAddresses", sourceAddresses,
            "start", start.toString(),
            "end", end.toString(),
            "eventIds", eventIds);
    return Json.bytes(json);
  }
}

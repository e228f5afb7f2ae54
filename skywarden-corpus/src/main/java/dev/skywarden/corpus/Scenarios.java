package dev.skywarden.corpus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The attack scenarios a corpus can hold, each built from identities of the organisation and
 * recorded as {@link GroundTruth}.
 *
 * <p>Scenario {@code k} of the {@code n} in {@link #IDS} starts on day {@code 1 + k (days - 1) / n}
 * (rounded down) of the days they spread over, at an hour that moves with {@code k}, so scenarios
 * spread evenly over the corpus after its first day and do not overlap. The first day stays free of
 * attacks, so that {@code hunt --analytics}, whose default training window is the first 24 hours of
 * the input, learns from benign activity only and judges every scenario; a one-day corpus has all
 * its scenarios on that day. A corpus sized by bytes spreads them over the days its first day's
 * size predicts ({@link #sizedDays}). A scenario whose cloud is not generated is left out.
 * Stateless and thread-safe.
 */
final class Scenarios {

  /** Every scenario id, in the order they are placed. */
  static final List<String> IDS =
      List.of(
          "aws-stolen-key-hosting",
          "aws-cloudshell-persistence",
          "aws-ssm-sendcommand-fleet",
          "aws-ec2-userdata-restart",
          "gcp-startup-script",
          "azure-vm-runcommand-unusual-network",
          "aws-instance-credentials-outside",
          "aws-enumeration-burst",
          "aws-cloudtrail-disabled",
          "gcp-logging-sink-deleted",
          "azure-diagnostic-setting-deleted",
          "aws-access-key-other-user",
          "entra-app-credential-added",
          "gcp-service-account-key-created");

  private Scenarios() {}

  /** The records and ground truth of one scenario. */
  record Built(GroundTruth truth, List<Emitted> records) {}

  /**
   * Builds the selected scenarios that the organisation's clouds allow, in {@link #IDS} order,
   * spread over the first {@code days} days of the corpus.
   *
   * @param days at least 1; with 1, every scenario is on the first day
   */
  static List<Built> build(Organisation org, CorpusOptions options, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("scenarios need at least one day, was " + days);
    }
    List<Built> built = new ArrayList<>();
    Instant first = options.start().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    for (int k = 0; k < IDS.size(); k++) {
      String id = IDS.get(k);
      if (!options.scenarios().contains(id)) {
        continue;
      }
      long day = days == 1 ? 0 : 1 + (long) k * (days - 1) / IDS.size();
      Instant start =
          first.plusSeconds(day * 86_400 + (1 + (k * 5L) % 22) * 3600 + 17 * 60 + k * 7L);
      Attack attack =
          new Attack(org, id, start, Rng.of(org.seed, Rng.hash("scenario"), Rng.hash(id)));
      if (make(attack)) {
        built.add(new Built(attack.truth(), attack.records));
      }
    }
    return built;
  }

  /**
   * Returns the number of days that the scenarios of a corpus sized by bytes spread over. That is
   * the days the size target needs at its first day's rate, at least {@code options.days()} and at
   * least 2, so the first day stays free of attacks.
   *
   * <p>The first day is as busy as the start's weekday: a weekday start, busier than the weekly
   * average, predicts fewer days than the corpus gets, so the scenarios end before it does. A
   * weekend start may predict more; the generator then writes on past the size until the last
   * scenario is in.
   *
   * @param firstDayBytes the bytes written for the first day, above 0
   */
  static int sizedDays(CorpusOptions options, long firstDayBytes) {
    if (firstDayBytes <= 0) {
      throw new IllegalArgumentException("first day bytes must be above 0, was " + firstDayBytes);
    }
    long predicted = Math.min(options.targetBytes() / firstDayBytes, CorpusOptions.MAX_DAYS);
    return (int) Math.max(Math.max(predicted, options.days()), 2);
  }

  private static boolean make(Attack a) {
    Organisation org = a.org;
    boolean aws = !org.awsAccounts.isEmpty();
    boolean azure = !org.subscriptions.isEmpty();
    boolean gcp = !org.projects.isEmpty();
    return switch (a.id) {
      case "aws-stolen-key-hosting" -> aws && AwsScenarios.stolenKeyFromHosting(a);
      case "aws-cloudshell-persistence" -> aws && AwsScenarios.cloudShellPersistence(a);
      case "aws-ssm-sendcommand-fleet" -> aws && AwsScenarios.ssmSendCommandFleet(a);
      case "aws-ec2-userdata-restart" -> aws && AwsScenarios.userDataRestart(a);
      case "aws-instance-credentials-outside" -> aws && AwsScenarios.instanceCredentialsOutside(a);
      case "aws-enumeration-burst" -> aws && AwsScenarios.enumerationBurst(a);
      case "aws-cloudtrail-disabled" -> aws && AwsScenarios.cloudTrailDisabled(a);
      case "aws-access-key-other-user" -> aws && AwsScenarios.accessKeyForOtherUser(a);
      case "azure-vm-runcommand-unusual-network" -> azure && AzureScenarios.runCommand(a);
      case "azure-diagnostic-setting-deleted" ->
          azure && AzureScenarios.diagnosticSettingDeleted(a);
      case "entra-app-credential-added" -> azure && AzureScenarios.appCredentialAdded(a);
      case "gcp-startup-script" -> gcp && GcpScenarios.startupScript(a);
      case "gcp-logging-sink-deleted" -> gcp && GcpScenarios.sinkDeleted(a);
      case "gcp-service-account-key-created" -> gcp && GcpScenarios.serviceAccountKeyCreated(a);
      default -> throw new IllegalStateException("scenario without a builder: " + a.id);
    };
  }

  /**
   * The records of one scenario as it is built, with what the ground truth needs.
   *
   * <p>Not thread-safe.
   */
  static final class Attack {
    final Organisation org;
    final String id;
    final Instant start;
    final Rng rng;
    final List<Emitted> records = new ArrayList<>();
    String title;
    List<String> techniques = List.of();
    Cloud cloud;
    String account;
    final List<String> identities = new ArrayList<>();
    String credential;
    final List<String> addresses = new ArrayList<>();
    private long clockSeconds;

    Attack(Organisation org, String id, Instant start, Rng rng) {
      this.org = org;
      this.id = id;
      this.start = start;
      this.rng = rng;
    }

    void describe(String text, Cloud where, String target, String... attackTechniques) {
      this.title = text;
      this.cloud = where;
      this.account = target;
      this.techniques = List.of(attackTechniques);
    }

    void actor(String identity) {
      if (!identities.contains(identity)) {
        identities.add(identity);
      }
    }

    void address(String value) {
      if (!addresses.contains(value)) {
        addresses.add(value);
      }
    }

    /** Advances the scenario clock by a few seconds and returns the new time. */
    Instant next(int minSeconds, int maxSeconds) {
      clockSeconds += rng.between(minSeconds, maxSeconds);
      return start.plusSeconds(clockSeconds);
    }

    void add(Emitted record) {
      records.add(record);
    }

    void add(CloudTrailCall call) {
      records.add(call.emit());
    }

    GroundTruth truth() {
      records.sort(Emitted.ORDER);
      List<String> ids = records.stream().map(Emitted::eventId).toList();
      return new GroundTruth(
          id,
          title,
          techniques,
          cloud,
          account,
          identities,
          credential,
          addresses,
          records.get(0).time(),
          records.get(records.size() - 1).time(),
          ids);
    }
  }

  /** Returns an address of a hosting provider, fixed for the scenario. */
  static String hostingAddress(Attack a, int provider) {
    return Networks.HOSTING.get(provider % Networks.HOSTING.size()).random(a.rng);
  }
}

package dev.skywarden.core.analytics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.Api;
import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.ClientKind;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Credential;
import dev.skywarden.core.event.LogKind;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.NetworkKind;
import dev.skywarden.core.event.Outcome;
import dev.skywarden.core.event.SourceAddress;
import dev.skywarden.core.event.SourceLocation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates CloudTrail-like events of many identities over several days from a seed, with attacks
 * inserted on the last day, for the evaluation of the behavioural analytics.
 *
 * <p>Background: people ({@code user/person-N}, access key, AWS CLI or console, working hours, an
 * office and a home network, sometimes a trip to a new network), workloads ({@code
 * assumed-role/app-G/i-N}, one operation set per role, an SDK client, around the clock, the role's
 * NAT network), a Terraform role, and an autoscaler that launches small instances. Now and then a
 * new instance of a role starts (a new session name without history) and a call is denied.
 *
 * <p>The same seed gives the same events; their order is shuffled by the seed too.
 */
final class BehaviourGenerator {

  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  static final String ACCOUNT = "111122223333";

  /** One inserted attack: what it is, whose identity, when it starts, what should fire. */
  record Attack(String name, String principal, Instant start, BehaviouralDetection expected) {}

  /** The generated events and the attacks among them. */
  record Scenario(List<CloudEvent> events, List<Attack> attacks, int identities, int days) {}

  private static final String[] READS = {
    "DescribeInstances",
    "DescribeVolumes",
    "DescribeSecurityGroups",
    "DescribeSubnets",
    "ListBuckets",
    "GetObject",
    "HeadObject",
    "ListObjects",
    "GetItem",
    "Query",
    "Scan",
    "DescribeTable",
    "GetParameter",
    "DescribeLogGroups",
    "GetMetricData",
    "ListFunctions20150331",
    "GetQueueAttributes",
    "ReceiveMessage",
    "DescribeDBInstances",
    "ListTopics"
  };
  private static final String[] WRITES = {
    "PutObject",
    "PutItem",
    "SendMessage",
    "DeleteMessage",
    "PutMetricData",
    "PutLogEvents",
    "UpdateItem",
    "Publish",
    "CreateTags",
    "DeleteObject"
  };
  private static final String[] DISCOVERY = {
    "ListUsers",
    "ListRoles",
    "ListPolicies",
    "ListGroups",
    "ListAccessKeys",
    "ListAttachedUserPolicies",
    "ListAttachedRolePolicies",
    "GetAccountAuthorizationDetails",
    "ListInstanceProfiles",
    "DescribeRegions",
    "DescribeImages",
    "DescribeSnapshots",
    "DescribeKeyPairs",
    "DescribeVpcs",
    "DescribeRouteTables",
    "DescribeNatGateways",
    "ListSecrets",
    "ListKeys",
    "ListAliases",
    "DescribeTrails",
    "GetTrailStatus",
    "ListDetectors",
    "ListHostedZones",
    "DescribeClusters",
    "ListClusters",
    "DescribeStacks",
    "ListStacks",
    "DescribeAlarms"
  };

  private final SplittableRandom random;
  private final List<CloudEvent> events = new ArrayList<>();
  private long index;

  BehaviourGenerator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * Generates a scenario.
   *
   * @param identities background identities: a third people, the rest workloads
   * @param days days of activity; attacks happen at noon of the last day
   * @param withAttacks whether to insert the attacks
   */
  Scenario generate(int identities, int days, boolean withAttacks) {
    List<String[]> roleOps = new ArrayList<>();
    for (int g = 0; g < 20; g++) {
      roleOps.add(pick(READS, 4 + random.nextInt(6), WRITES, 1 + random.nextInt(3)));
    }
    int people = identities / 3;
    for (int i = 0; i < identities; i++) {
      if (i < people) {
        person(i, days);
      } else {
        int group = i % 20;
        workload(i, group, roleOps.get(group), days);
      }
    }
    terraform(days);
    autoscaler(days);

    List<Attack> attacks = withAttacks ? attacks(days, people) : List.of();
    shuffle(events);
    return new Scenario(List.copyOf(events), attacks, identities + 2, days);
  }

  private void person(int i, int days) {
    String user = "arn:aws:iam::" + ACCOUNT + ":user/person-" + i;
    String key = "AKIAPERSON" + i;
    String[] ops = pick(READS, 6 + random.nextInt(8), WRITES, 1 + random.nextInt(3));
    boolean console = random.nextInt(4) == 0;
    String home = "81." + (i % 200) + "." + (i / 200) + ".";
    for (int day = 0; day < days; day++) {
      boolean travelling = day > 0 && random.nextInt(100) < 3;
      String travel = "94." + random.nextInt(250) + "." + random.nextInt(250) + ".";
      int count = 30 + random.nextInt(60);
      for (int n = 0; n < count; n++) {
        Instant time =
            START.plus(Duration.ofDays(day)).plusSeconds(8 * 3600 + random.nextInt(10 * 3600));
        String ip;
        if (travelling) {
          ip = travel + (1 + random.nextInt(200));
        } else {
          ip = random.nextBoolean() ? "198.51.100." + (1 + random.nextInt(200)) : home + "7";
        }
        String op = ops[random.nextInt(ops.length)];
        add(
            time,
            ActorType.USER,
            user,
            null,
            key,
            ip,
            op,
            console ? console() : cli(),
            "eu-west-1",
            null,
            random.nextInt(200) == 0 ? "AccessDenied" : null);
      }
    }
  }

  private void workload(int i, int group, String[] ops, int days) {
    String role = "arn:aws:iam::" + ACCOUNT + ":role/app-" + group;
    int firstDay = random.nextInt(10) == 0 ? 1 + random.nextInt(Math.max(1, days - 1)) : 0;
    String session =
        "arn:aws:sts::" + ACCOUNT + ":assumed-role/app-" + group + "/i-" + String.format("%08x", i);
    String nat = "3." + (100 + group) + ".7.";
    for (int day = firstDay; day < days; day++) {
      int count = 100 + random.nextInt(100);
      String credential = "ASIAW" + i + "D" + day;
      for (int n = 0; n < count; n++) {
        Instant time = START.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(24 * 3600));
        add(
            time,
            ActorType.ROLE_SESSION,
            session,
            role,
            credential,
            nat + (1 + random.nextInt(50)),
            ops[random.nextInt(ops.length)],
            sdk(),
            "eu-west-1",
            null,
            random.nextInt(500) == 0 ? "AccessDenied" : null);
      }
    }
  }

  private void terraform(int days) {
    String role = "arn:aws:iam::" + ACCOUNT + ":role/terraform";
    String session = "arn:aws:sts::" + ACCOUNT + ":assumed-role/terraform/ci-run";
    for (int day = 0; day < days; day++) {
      for (int n = 0; n < 40; n++) {
        Instant time =
            START.plus(Duration.ofDays(day)).plusSeconds(6 * 3600 + random.nextInt(12 * 3600));
        add(
            time,
            ActorType.ROLE_SESSION,
            session,
            role,
            "ASIATF" + day,
            "192.0.2." + (10 + random.nextInt(5)),
            n % 2 == 0 ? "DescribeInstances" : "CreateTags",
            terraformClient(),
            "eu-west-1",
            null,
            null);
      }
    }
  }

  private void autoscaler(int days) {
    String role = "arn:aws:iam::" + ACCOUNT + ":role/autoscaler";
    String session = "arn:aws:sts::" + ACCOUNT + ":assumed-role/autoscaler/scaler";
    for (int day = 0; day < days; day++) {
      for (int n = 0; n < 24; n++) {
        Instant time =
            START.plus(Duration.ofDays(day)).plusSeconds(n * 3600L + random.nextInt(3000));
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.put("instanceType", n % 3 == 0 ? "t3.small" : "t3.micro");
        parameters.put("minCount", 1);
        parameters.put("maxCount", 1);
        add(
            time,
            ActorType.ROLE_SESSION,
            session,
            role,
            "ASIAAS" + day,
            "3.99.7." + (1 + n),
            "RunInstances",
            sdk(),
            "eu-west-1",
            parameters,
            null);
      }
    }
  }

  private List<Attack> attacks(int days, int people) {
    Instant noon = START.plus(Duration.ofDays(days - 1L)).plus(Duration.ofHours(12));
    List<Attack> attacks = new ArrayList<>();
    int workload = people + 1;
    String[] sessions = new String[5];
    for (int k = 0; k < 5; k++) {
      int i = people + 1 + k * 20;
      sessions[k] =
          "arn:aws:sts::"
              + ACCOUNT
              + ":assumed-role/app-"
              + (i % 20)
              + "/i-"
              + String.format("%08x", i);
    }
    String role0 = "arn:aws:iam::" + ACCOUNT + ":role/app-" + (workload % 20);

    // 1. A workload's stolen session creates an access key and attaches a policy.
    add(
        noon,
        ActorType.ROLE_SESSION,
        sessions[0],
        role0,
        "ASIAW" + workload + "D" + (days - 1),
        "3." + (100 + workload % 20) + ".7.9",
        "CreateAccessKey",
        sdk(),
        "eu-west-1",
        null,
        null);
    add(
        noon.plusSeconds(30),
        ActorType.ROLE_SESSION,
        sessions[0],
        role0,
        "ASIAW" + workload + "D" + (days - 1),
        "3." + (100 + workload % 20) + ".7.9",
        "AttachUserPolicy",
        sdk(),
        "eu-west-1",
        null,
        null);
    attacks.add(
        new Attack(
            "sensitive operation",
            sessions[0],
            noon,
            BehaviouralDetection.FIRST_SENSITIVE_OPERATION));

    // 1b. A new session name of a known role, without history, does the same: compared with peers.
    String intruder = "arn:aws:sts::" + ACCOUNT + ":assumed-role/app-" + (workload % 20) + "/pwned";
    add(
        noon.plusSeconds(60),
        ActorType.ROLE_SESSION,
        intruder,
        role0,
        "ASIAINTRUDER",
        "3." + (100 + workload % 20) + ".7.9",
        "CreateAccessKey",
        sdk(),
        "eu-west-1",
        null,
        null);
    attacks.add(
        new Attack(
            "sensitive operation by a new session",
            intruder,
            noon,
            BehaviouralDetection.FIRST_SENSITIVE_OPERATION));

    // 2. The Terraform role is called from the AWS CLI on Kali.
    String terraform = "arn:aws:sts::" + ACCOUNT + ":assumed-role/terraform/ci-run";
    add(
        noon.plusSeconds(90),
        ActorType.ROLE_SESSION,
        terraform,
        "arn:aws:iam::" + ACCOUNT + ":role/terraform",
        "ASIATF" + (days - 1),
        "192.0.2.11",
        "DescribeInstances",
        kali(),
        "eu-west-1",
        null,
        null);
    attacks.add(new Attack("new client", terraform, noon, BehaviouralDetection.NEW_CLIENT));

    // 3. A person's access key is used from a new network, and another's from three far apart.
    String personA = "arn:aws:iam::" + ACCOUNT + ":user/person-1";
    add(
        noon.plusSeconds(120),
        ActorType.USER,
        personA,
        null,
        "AKIAPERSON1",
        "45.137.21.9",
        "ListBuckets",
        cli(),
        "eu-west-1",
        null,
        null);
    attacks.add(new Attack("new network", personA, noon, BehaviouralDetection.NEW_NETWORK));
    String personB = "arn:aws:iam::" + ACCOUNT + ":user/person-2";
    String[] far = {"45.137.21.9", "103.77.12.4", "185.220.101.7"};
    for (int k = 0; k < far.length; k++) {
      add(
          noon.plusSeconds(150 + k * 600L),
          ActorType.USER,
          personB,
          null,
          "AKIAPERSON2",
          far[k],
          "ListBuckets",
          cli(),
          "eu-west-1",
          null,
          null);
    }
    attacks.add(
        new Attack("credential spread", personB, noon, BehaviouralDetection.CREDENTIAL_SPREAD));

    // 5. The autoscaler launches a GPU instance in another region.
    ObjectNode gpu = JsonNodeFactory.instance.objectNode();
    gpu.put("instanceType", "p3.16xlarge");
    gpu.put("minCount", 1);
    gpu.put("maxCount", 1);
    String scaler = "arn:aws:sts::" + ACCOUNT + ":assumed-role/autoscaler/scaler";
    add(
        noon.plusSeconds(200),
        ActorType.ROLE_SESSION,
        scaler,
        "arn:aws:iam::" + ACCOUNT + ":role/autoscaler",
        "ASIAAS" + (days - 1),
        "3.99.7.3",
        "RunInstances",
        sdk(),
        "us-west-2",
        gpu,
        null);
    attacks.add(
        new Attack("new parameter value", scaler, noon, BehaviouralDetection.NEW_PARAMETER));

    // 6. Enumeration with denied calls, a discovery burst, and a call-rate burst.
    String personC = "arn:aws:iam::" + ACCOUNT + ":user/person-3";
    for (int k = 0; k < 15; k++) {
      add(
          noon.plusSeconds(300 + k * 10L),
          ActorType.USER,
          personC,
          null,
          "AKIAPERSON3",
          "198.51.100.5",
          DISCOVERY[k],
          cli(),
          "eu-west-1",
          null,
          "AccessDenied");
    }
    attacks.add(
        new Attack("denied enumeration", personC, noon, BehaviouralDetection.DENIED_ENUMERATION));
    String role1 = "arn:aws:iam::" + ACCOUNT + ":role/app-" + ((people + 21) % 20);
    for (int k = 0; k < 25; k++) {
      add(
          noon.plusSeconds(600 + k * 8L),
          ActorType.ROLE_SESSION,
          sessions[1],
          role1,
          "ASIAW" + (people + 21) + "D" + (days - 1),
          "3." + (100 + (people + 21) % 20) + ".7.3",
          DISCOVERY[k],
          sdk(),
          "eu-west-1",
          null,
          null);
    }
    attacks.add(
        new Attack("discovery burst", sessions[1], noon, BehaviouralDetection.DISCOVERY_BURST));
    String role2 = "arn:aws:iam::" + ACCOUNT + ":role/app-" + ((people + 41) % 20);
    for (int k = 0; k < 400; k++) {
      add(
          noon.plusSeconds(900 + k / 2),
          ActorType.ROLE_SESSION,
          sessions[2],
          role2,
          "ASIAW" + (people + 41) + "D" + (days - 1),
          "3." + (100 + (people + 41) % 20) + ".7.3",
          "GetObject",
          sdk(),
          "eu-west-1",
          null,
          null);
    }
    attacks.add(new Attack("call rate", sessions[2], noon, BehaviouralDetection.CALL_RATE));

    // 4. An instance role session is used from a hosting provider (network intel attached).
    String role3 = "arn:aws:iam::" + ACCOUNT + ":role/app-" + ((people + 61) % 20);
    add(
        noon.plusSeconds(1200),
        ActorType.ROLE_SESSION,
        sessions[3],
        role3,
        "ASIAW" + (people + 61) + "D" + (days - 1),
        "188.166.4.20",
        "ListBuckets",
        sdk(),
        "eu-west-1",
        null,
        null);
    CloudEvent stolen = events.remove(events.size() - 1);
    events.add(
        withNetwork(
            stolen,
            new NetworkInfo(
                NetworkKind.HOSTING, "digitalocean", null, null, null, null, "NL", null)));
    attacks.add(
        new Attack(
            "workload credential elsewhere",
            sessions[3],
            noon,
            BehaviouralDetection.WORKLOAD_CREDENTIAL_ELSEWHERE));
    return attacks;
  }

  private void add(
      Instant time,
      ActorType type,
      String principal,
      String role,
      String credential,
      String ip,
      String operation,
      ClientFingerprint client,
      String region,
      ObjectNode parameters,
      String errorCode) {
    index++;
    ObjectNode raw = JsonNodeFactory.instance.objectNode().put("eventName", operation);
    if (parameters != null) {
      raw.set("requestParameters", parameters);
    }
    boolean read =
        operation.startsWith("Describe")
            || operation.startsWith("List")
            || operation.startsWith("Get")
            || operation.startsWith("Head")
            || operation.equals("Query")
            || operation.equals("Scan");
    events.add(
        new CloudEvent(
            time,
            LogKind.CLOUDTRAIL,
            "gen-" + index,
            ACCOUNT,
            region,
            new Actor(type, "AID" + principal.hashCode(), principal, ACCOUNT, role, null),
            new Credential(
                credential,
                credential.startsWith("AKIA")
                    ? Credential.CredentialKind.ACCESS_KEY
                    : Credential.CredentialKind.SESSION,
                null),
            new SourceAddress(address(ip), null),
            client.summary(),
            new Api(service(operation), operation, read),
            errorCode == null ? Outcome.SUCCESS : new Outcome(false, errorCode, "denied"),
            List.of(),
            client,
            raw,
            new SourceLocation("generated-" + (index % 7) + ".json", index, index)));
  }

  private static CloudEvent withNetwork(CloudEvent event, NetworkInfo network) {
    return new CloudEvent(
        event.time(),
        event.kind(),
        event.eventId(),
        event.account(),
        event.region(),
        event.actor(),
        event.credential(),
        event.source().withNetwork(network),
        event.userAgent(),
        event.api(),
        event.outcome(),
        event.resources(),
        event.client(),
        event.raw(),
        event.location());
  }

  private static String service(String operation) {
    if (operation.contains("Instance")
        || operation.contains("Volume")
        || operation.contains("Security")
        || operation.contains("Subnet")
        || operation.equals("CreateTags")
        || operation.startsWith("DescribeRegions")) {
      return "ec2.amazonaws.com";
    }
    if (operation.contains("Object") || operation.contains("Bucket")) {
      return "s3.amazonaws.com";
    }
    if (operation.contains("User")
        || operation.contains("Role")
        || operation.contains("Polic")
        || operation.contains("AccessKey")
        || operation.contains("Group")
        || operation.contains("Account")) {
      return "iam.amazonaws.com";
    }
    return "other.amazonaws.com";
  }

  private static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + ip, e);
    }
  }

  private String[] pick(String[] reads, int readCount, String[] writes, int writeCount) {
    List<String> chosen = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    while (seen.size() < readCount) {
      seen.put(reads[random.nextInt(reads.length)], true);
    }
    chosen.addAll(seen.keySet());
    seen.clear();
    while (seen.size() < writeCount) {
      seen.put(writes[random.nextInt(writes.length)], true);
    }
    chosen.addAll(seen.keySet());
    return chosen.toArray(String[]::new);
  }

  private void shuffle(List<CloudEvent> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      CloudEvent swap = list.get(i);
      list.set(i, list.get(j));
      list.set(j, swap);
    }
  }

  private static ClientFingerprint cli() {
    return new ClientFingerprint(
        ClientKind.AWS_CLI, "aws-cli", "2.15.0", List.of("AWS_CLI:aws-cli"));
  }

  private static ClientFingerprint console() {
    return new ClientFingerprint(
        ClientKind.WEB_CONSOLE, "console", null, List.of("WEB_CONSOLE:console"));
  }

  private static ClientFingerprint sdk() {
    return new ClientFingerprint(ClientKind.AWS_SDK, "boto3", "1.34.0", List.of("AWS_SDK:boto3"));
  }

  private static ClientFingerprint terraformClient() {
    return new ClientFingerprint(
        ClientKind.INFRASTRUCTURE_AS_CODE,
        "Terraform",
        "1.9.8",
        List.of("INFRASTRUCTURE_AS_CODE:Terraform"));
  }

  private static ClientFingerprint kali() {
    return new ClientFingerprint(
        ClientKind.PENTEST_DISTRIBUTION,
        "kali",
        null,
        List.of("PENTEST_DISTRIBUTION:kali", "AWS_CLI:aws-cli"));
  }
}

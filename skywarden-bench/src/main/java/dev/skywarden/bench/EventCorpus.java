package dev.skywarden.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A deterministic mix of CloudTrail records, as compact JSON. A few percent are records of the
 * Stratus Red Team detonation logs: attacks, each with the calls around it. The rest are read-only
 * Describe, List and Get calls by known roles and users with their usual clients, because most real
 * CloudTrail traffic is of that kind. The benign share keeps the figures from being dominated by
 * the cost of rule hits.
 */
final class EventCorpus {

  /** The number of records in the corpus; benchmarks report operations per record. */
  static final int SIZE = 10_000;

  /** The share of Stratus records, in percent. */
  static final int ATTACK_PERCENT = 5;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ACCOUNT = "111122223333";
  private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

  /** A read-only API call: the service's endpoint, the operation and its request parameters. */
  private record Call(String eventSource, String eventName, String parameters) {}

  /** A known caller: an IAM role session or user with the client it always uses. */
  private record Caller(String type, String name, String userAgent, String sourceIp) {}

  private static final List<Call> CALLS =
      List.of(
          new Call("ec2.amazonaws.com", "DescribeInstances", "{\"instancesSet\":{}}"),
          new Call("ec2.amazonaws.com", "DescribeSecurityGroups", "{\"securityGroupSet\":{}}"),
          new Call("ec2.amazonaws.com", "DescribeVolumes", "{\"volumeSet\":{}}"),
          new Call("ec2.amazonaws.com", "DescribeSubnets", "{\"subnetSet\":{}}"),
          new Call("ec2.amazonaws.com", "DescribeRegions", "{\"regionSet\":{}}"),
          new Call("s3.amazonaws.com", "ListBuckets", "{\"Host\":\"s3.amazonaws.com\"}"),
          new Call(
              "s3.amazonaws.com",
              "GetBucketLocation",
              "{\"bucketName\":\"app-artifacts\",\"Host\":\"app-artifacts.s3.amazonaws.com\"}"),
          new Call(
              "s3.amazonaws.com",
              "GetBucketAcl",
              "{\"bucketName\":\"app-logs\",\"acl\":\"\",\"Host\":\"app-logs.s3.amazonaws.com\"}"),
          new Call("iam.amazonaws.com", "ListRoles", "{\"maxItems\":100}"),
          new Call("iam.amazonaws.com", "GetRole", "{\"roleName\":\"app-runtime\"}"),
          new Call(
              "iam.amazonaws.com", "ListAttachedRolePolicies", "{\"roleName\":\"app-runtime\"}"),
          new Call("sts.amazonaws.com", "GetCallerIdentity", "null"),
          new Call("lambda.amazonaws.com", "ListFunctions20150331", "null"),
          new Call(
              "lambda.amazonaws.com",
              "GetFunction20150331v2",
              "{\"functionName\":\"orders-worker\"}"),
          new Call("kms.amazonaws.com", "DescribeKey", "{\"keyId\":\"alias/app-data\"}"),
          new Call(
              "monitoring.amazonaws.com",
              "DescribeAlarms",
              "{\"maxRecords\":100,\"stateValue\":\"ALARM\"}"),
          new Call(
              "monitoring.amazonaws.com",
              "GetMetricData",
              "{\"startTime\":\"Nov 24, 2026, 12:00:00 AM\",\"endTime\":\"Nov 24, 2026, 12:05:00 AM\"}"),
          new Call("logs.amazonaws.com", "DescribeLogGroups", "{\"limit\":50}"),
          new Call("ssm.amazonaws.com", "DescribeInstanceInformation", "{\"maxResults\":50}"),
          new Call("rds.amazonaws.com", "DescribeDBInstances", "null"),
          new Call("dynamodb.amazonaws.com", "DescribeTable", "{\"tableName\":\"orders\"}"),
          new Call("cloudtrail.amazonaws.com", "DescribeTrails", "{\"includeShadowTrails\":true}"),
          new Call("ecr.amazonaws.com", "DescribeRepositories", "null"),
          new Call("eks.amazonaws.com", "ListClusters", "null"),
          new Call(
              "elasticloadbalancing.amazonaws.com", "DescribeLoadBalancers", "{\"pageSize\":400}"),
          new Call("config.amazonaws.com", "DescribeConfigRules", "null"));

  private static final List<Caller> CALLERS =
      List.of(
          new Caller(
              "AssumedRole",
              "app-runtime",
              "aws-sdk-java/2.25.10 Linux/5.10.219-208.866.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.11"
                  + " Java/17.0.11 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy",
              "10.0.12.34"),
          new Caller(
              "AssumedRole",
              "monitoring-collector",
              "Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux#5.10.219 md/arch#x86_64"
                  + " lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.84",
              "10.0.40.7"),
          new Caller(
              "AssumedRole",
              "terraform-ci",
              "APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io)"
                  + " terraform-provider-aws/5.44.0 aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.1",
              "198.51.100.10"),
          new Caller(
              "AssumedRole",
              "AWSServiceRoleForConfig",
              "config.amazonaws.com",
              "config.amazonaws.com"),
          new Caller(
              "AssumedRole",
              "AWSReservedSSO_ReadOnly_0a1b2c3d4e5f6a7b",
              "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
                  + " Chrome/131.0.0.0 Safari/537.36",
              "198.51.100.23"),
          new Caller(
              "IAMUser",
              "reporting",
              "aws-cli/2.15.30 Python/3.11.8 Linux/5.10.219 exe/x86_64.amzn.2 prompt/off"
                  + " command/ec2.describe-instances",
              "198.51.100.45"));

  private EventCorpus() {}

  /**
   * Builds the corpus: {@code size} records, each a compact JSON object, {@code attackPercent} of
   * them (drawn at random, in file order, cycling) from the Stratus logs.
   *
   * @param stratusLogs the folder of Stratus detonation logs (JSON arrays of CloudTrail records)
   * @throws IOException when a log cannot be read
   * @throws IllegalStateException when the folder contains no record
   */
  static List<byte[]> build(Path stratusLogs, int size, int attackPercent, long seed)
      throws IOException {
    List<byte[]> attacks = stratusRecords(stratusLogs);
    Random random = new Random(seed);
    List<byte[]> corpus = new ArrayList<>(size);
    int nextAttack = 0;
    for (int i = 0; i < size; i++) {
      if (random.nextInt(100) < attackPercent) {
        corpus.add(attacks.get(nextAttack));
        nextAttack = (nextAttack + 1) % attacks.size();
      } else {
        corpus.add(benign(random, i));
      }
    }
    return corpus;
  }

  /** Joins records into JSON Lines, the layout the log reader streams. */
  static byte[] jsonLines(List<byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] record : records) {
      out.writeBytes(record);
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static List<byte[]> stratusRecords(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files =
          list.filter(path -> path.getFileName().toString().endsWith(".json"))
              .sorted()
              .collect(Collectors.toList());
    }
    List<byte[]> records = new ArrayList<>();
    for (Path file : files) {
      JsonNode root = MAPPER.readTree(file.toFile());
      JsonNode array = root.has("Records") ? root.get("Records") : root;
      for (JsonNode record : array) {
        records.add(MAPPER.writeValueAsBytes(record));
      }
    }
    if (records.isEmpty()) {
      throw new IllegalStateException("no CloudTrail record in the Stratus logs under " + folder);
    }
    return records;
  }

  private static byte[] benign(Random random, int index) throws IOException {
    Call call = CALLS.get(random.nextInt(CALLS.size()));
    Caller caller = CALLERS.get(random.nextInt(CALLERS.size()));
    ObjectNode record = MAPPER.createObjectNode();
    record.put("eventVersion", "1.09");
    record.set("userIdentity", identity(caller, random));
    record.put("eventTime", START.plusSeconds(index * 4L).toString());
    record.put("eventSource", call.eventSource());
    record.put("eventName", call.eventName());
    record.put("awsRegion", random.nextInt(4) == 0 ? "eu-west-1" : "us-east-1");
    record.put("sourceIPAddress", caller.sourceIp());
    record.put("userAgent", caller.userAgent());
    record.set("requestParameters", MAPPER.readTree(call.parameters()));
    record.putNull("responseElements");
    record.put("requestID", uuid(random));
    record.put("eventID", uuid(random));
    record.put("readOnly", true);
    record.put("eventType", "AwsApiCall");
    record.put("managementEvent", true);
    record.put("recipientAccountId", ACCOUNT);
    record.put("eventCategory", "Management");
    ObjectNode tls = record.putObject("tlsDetails");
    tls.put("tlsVersion", "TLSv1.3");
    tls.put("cipherSuite", "TLS_AES_128_GCM_SHA256");
    tls.put("clientProvidedHostHeader", call.eventSource());
    return MAPPER.writeValueAsBytes(record);
  }

  private static ObjectNode identity(Caller caller, Random random) {
    ObjectNode identity = MAPPER.createObjectNode();
    identity.put("type", caller.type());
    String key = String.format(Locale.ROOT, "%016X", random.nextLong());
    if (caller.type().equals("IAMUser")) {
      identity.put("principalId", "AIDA" + key);
      identity.put("arn", "arn:aws:iam::" + ACCOUNT + ":user/" + caller.name());
      identity.put("accountId", ACCOUNT);
      identity.put("accessKeyId", "AKIA" + key);
      identity.put("userName", caller.name());
      return identity;
    }
    String session = "session-" + (random.nextInt(50) + 1);
    String roleId = "AROA" + String.format(Locale.ROOT, "%016X", caller.name().hashCode() * 31L);
    identity.put("principalId", roleId + ":" + session);
    identity.put(
        "arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + caller.name() + "/" + session);
    identity.put("accountId", ACCOUNT);
    identity.put("accessKeyId", "ASIA" + key);
    ObjectNode context = identity.putObject("sessionContext");
    ObjectNode issuer = context.putObject("sessionIssuer");
    issuer.put("type", "Role");
    issuer.put("principalId", roleId);
    issuer.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + caller.name());
    issuer.put("accountId", ACCOUNT);
    issuer.put("userName", caller.name());
    ObjectNode attributes = context.putObject("attributes");
    attributes.put("creationDate", START.toString());
    attributes.put("mfaAuthenticated", "false");
    return identity;
  }

  private static String uuid(Random random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}

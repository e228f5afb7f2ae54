package dev.skywarden.corpus;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulated organisation: its AWS accounts, Azure subscriptions, GCP projects, people and
 * machine identities, all derived from the seed and the options.
 *
 * <p>Built once per run; immutable and thread-safe after construction. Its size is proportional to
 * the number of accounts and identities, never to the size of the corpus.
 */
final class Organisation {

  static final String DOMAIN = "northwind.example";

  private static final String[] FIRST_NAMES = {
    "ada", "ben", "chloe", "dev", "elena", "farid", "grace", "hiro", "ines", "jamal", "kira",
    "liam", "maya", "noah", "olga", "priya", "quinn", "ravi", "sofia", "tomas", "uma", "victor",
    "wen", "xavier", "yara", "zoe"
  };
  private static final String[] LAST_NAMES = {
    "adams",
    "bauer",
    "chen",
    "diaz",
    "eriksen",
    "fischer",
    "garcia",
    "haddad",
    "ito",
    "jensen",
    "kowalski",
    "lopez",
    "muller",
    "nakamura",
    "okafor",
    "patel",
    "quintero",
    "rossi",
    "singh",
    "tanaka",
    "ueda",
    "varga",
    "weber",
    "xu",
    "yilmaz",
    "zhang"
  };
  private static final String[] ZONES = {
    "America/New_York",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Australia/Sydney"
  };
  private static final double[] ZONE_WEIGHTS = {30, 15, 15, 15, 15, 6, 4};
  private static final String[] TEAMS = {
    "payments",
    "orders",
    "search",
    "identity",
    "data",
    "ml",
    "web",
    "mobile",
    "billing",
    "ledger",
    "catalog",
    "shipping",
    "risk",
    "platform",
    "analytics",
    "support"
  };
  private static final String[] STAGES = {"prod", "staging", "dev", "sandbox"};
  static final String[] AWS_REGIONS = {
    "us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-south-1"
  };
  private static final double[] AWS_REGION_WEIGHTS = {40, 15, 20, 12, 8, 5};
  private static final String[] AZURE_LOCATIONS = {"eastus", "westeurope", "northeurope"};
  private static final String[] GCP_ZONES = {"us-central1-a", "europe-west1-b", "asia-south1-c"};
  static final String[] PERMISSION_SETS = {
    "AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess"
  };

  final long seed;
  final String organisationId;
  final String tenantId;
  final List<AwsAccount> awsAccounts = new ArrayList<>();
  final List<AzureSubscription> subscriptions = new ArrayList<>();
  final List<GcpProject> projects = new ArrayList<>();
  final List<Person> people = new ArrayList<>();

  Organisation(CorpusOptions options) {
    this.seed = options.seed();
    Rng rng = Rng.of(seed, Rng.hash("organisation"));
    this.organisationId = "o-" + rng.hex(10);
    this.tenantId = rng.uuid();

    if (options.clouds().contains(Cloud.AWS)) {
      for (int i = 0; i < options.accounts(); i++) {
        awsAccounts.add(awsAccount(rng, i));
      }
    }
    if (options.clouds().contains(Cloud.AZURE)) {
      int count = Math.max(2, options.accounts() / 3);
      for (int i = 0; i < count; i++) {
        subscriptions.add(subscription(rng, i));
      }
    }
    if (options.clouds().contains(Cloud.GCP)) {
      int count = Math.max(2, options.accounts() / 3);
      for (int i = 0; i < count; i++) {
        projects.add(project(rng, i));
      }
    }
    for (int i = 0; i < options.identities(); i++) {
      people.add(person(rng, i));
    }
  }

  private static String team(int index) {
    return TEAMS[index % TEAMS.length]
        + (index >= TEAMS.length ? "-" + (index / TEAMS.length) : "");
  }

  private static String stage(int index) {
    return STAGES[(index / TEAMS.length + index) % STAGES.length];
  }

  private AwsAccount awsAccount(Rng rng, int index) {
    String id =
        String.valueOf(100_000_000_000L + (rng.nextLong() & 0x7FFFFFFFFFFFL) % 899_999_999_999L);
    String name = team(index) + "-" + stage(index);
    String home = AWS_REGIONS[rng.weighted(AWS_REGION_WEIGHTS)];
    List<String> regions = new ArrayList<>(List.of(home));
    if (!home.equals("us-east-1")) {
      regions.add("us-east-1");
    }
    if (rng.chance(0.4)) {
      String extra = AWS_REGIONS[rng.weighted(AWS_REGION_WEIGHTS)];
      if (!regions.contains(extra)) {
        regions.add(extra);
      }
    }

    List<String> ssoSuffixes = new ArrayList<>();
    for (int p = 0; p < PERMISSION_SETS.length; p++) {
      ssoSuffixes.add(rng.hex(16));
    }

    List<Workload> workloads = new ArrayList<>();
    int workloadCount = rng.between(2, 5);
    for (int w = 0; w < workloadCount; w++) {
      workloads.add(workload(rng, id, home, name, w));
    }
    List<String> instances = new ArrayList<>();
    int instanceCount = rng.between(8, 60);
    for (int n = 0; n < instanceCount; n++) {
      instances.add("i-0" + rng.hex(16));
    }
    List<IamUser> users = new ArrayList<>();
    int userCount = rng.between(1, 3);
    for (int u = 0; u < userCount; u++) {
      String user = u == 0 ? "svc-" + TEAMS[index % TEAMS.length] + "-sync" : "legacy-deploy-" + u;
      users.add(
          new IamUser(
              user,
              "arn:aws:iam::" + id + ":user/" + user,
              "AIDA" + rng.keyIdSuffix(17),
              "AKIA" + rng.keyIdSuffix(16)));
    }
    String ciTool = rng.weighted(new double[] {70, 20, 10}) == 0 ? "terraform" : "pulumi";
    String trail = "org-trail";
    return new AwsAccount(
        index,
        id,
        name,
        regions,
        ssoSuffixes,
        workloads,
        instances,
        users,
        ciTool,
        "role-" + rng.hex(8),
        trail);
  }

  private static Workload workload(Rng rng, String account, String region, String name, int w) {
    boolean lambda = w % 3 == 2;
    String role = name + (lambda ? "-fn-" : "-app-") + w;
    String session = lambda ? role.replace("-fn-", "-handler-") : "i-0" + rng.hex(16);
    int sdk = rng.nextInt(4);
    String address = Networks.AWS_REGIONS.get(region).random(rng);
    return new Workload(
        role,
        "arn:aws:iam::" + account + ":role/" + role,
        "AROA" + rng.keyIdSuffix(17),
        session,
        lambda,
        sdk,
        region,
        address,
        rng.between(4, 30));
  }

  private AzureSubscription subscription(Rng rng, int index) {
    String id = rng.uuid();
    String name = team(index) + "-" + stage(index);
    String group = "rg-" + name;
    List<String> vms = new ArrayList<>();
    int vmCount = rng.between(3, 15);
    for (int v = 0; v < vmCount; v++) {
      vms.add(
          "vm-" + TEAMS[index % TEAMS.length] + "-" + String.format(Locale.ROOT, "%02d", v + 1));
    }
    String pipelineApp = rng.uuid();
    String pipelineObject = rng.uuid();
    String identityObject = rng.uuid();
    return new AzureSubscription(
        index,
        id,
        name,
        group,
        rng.pick(AZURE_LOCATIONS),
        vms,
        pipelineApp,
        pipelineObject,
        identityObject);
  }

  private GcpProject project(Rng rng, int index) {
    String id = team(index) + "-" + stage(index) + "-" + rng.between(100, 999);
    long number = 100_000_000_000L + (rng.nextLong() & 0xFFFFFFFFFFL) % 899_999_999_999L;
    List<String> instances = new ArrayList<>();
    int count = rng.between(3, 20);
    for (int i = 0; i < count; i++) {
      instances.add(TEAMS[index % TEAMS.length] + "-vm-" + i);
    }
    String workloadAccount =
        "app-" + TEAMS[index % TEAMS.length] + "@" + id + ".iam.gserviceaccount.com";
    String deployAccount = "ci-deployer@" + id + ".iam.gserviceaccount.com";
    return new GcpProject(
        index, id, number, rng.pick(GCP_ZONES), instances, workloadAccount, deployAccount);
  }

  private Person person(Rng rng, int index) {
    String first = FIRST_NAMES[index % FIRST_NAMES.length];
    String last = LAST_NAMES[(index / FIRST_NAMES.length + index * 7) % LAST_NAMES.length];
    String suffix = index < FIRST_NAMES.length * LAST_NAMES.length ? "" : String.valueOf(index);
    String email = first + "." + last + suffix + "@" + DOMAIN;
    ZoneId zone = ZoneId.of(ZONES[rng.weighted(ZONE_WEIGHTS)]);
    String office = Networks.OFFICES.get(zone.getId()).random(rng);
    String home = Networks.HOMES.random(rng);

    List<Integer> accounts = new ArrayList<>();
    if (!awsAccounts.isEmpty()) {
      int count = rng.between(1, Math.min(4, awsAccounts.size()));
      for (int i = 0; i < count; i++) {
        int account = rng.nextInt(awsAccounts.size());
        if (!accounts.contains(account)) {
          accounts.add(account);
        }
      }
    }
    int permissionSet = rng.weighted(new double[] {10, 40, 50});
    int subscription =
        !subscriptions.isEmpty() && rng.chance(0.45) ? rng.nextInt(subscriptions.size()) : -1;
    int project = !projects.isEmpty() && rng.chance(0.35) ? rng.nextInt(projects.size()) : -1;

    // Console, CLI, CloudShell, PowerShell: each person leans to one.
    List<Double> style =
        switch (rng.nextInt(4)) {
          case 0 -> List.of(80.0, 15.0, 3.0, 2.0);
          case 1 -> List.of(25.0, 70.0, 4.0, 1.0);
          case 2 -> List.of(45.0, 45.0, 8.0, 2.0);
          default -> List.of(30.0, 30.0, 5.0, 35.0);
        };
    return new Person(
        index,
        first.substring(0, 1).toUpperCase(Locale.ROOT)
            + first.substring(1)
            + " "
            + last.substring(0, 1).toUpperCase(Locale.ROOT)
            + last.substring(1),
        email,
        rng.uuid(),
        zone,
        office,
        home,
        accounts,
        permissionSet,
        subscription,
        project,
        style,
        UserAgents.cliVersion(rng),
        UserAgents.operatingSystem(rng),
        UserAgents.browser(rng),
        rng.between(7, 10),
        0.5 + rng.nextDouble() * 1.5);
  }

  /** Returns the role name of an AWS IAM Identity Center permission set in an account. */
  static String ssoRoleName(AwsAccount account, int permissionSet) {
    return "AWSReservedSSO_"
        + PERMISSION_SETS[permissionSet]
        + "_"
        + account.ssoSuffixes().get(permissionSet);
  }

  /**
   * An AWS account.
   *
   * @param regions the regions it uses, the home region first
   * @param ssoSuffixes the hex suffix of each permission set's role, by {@link #PERMISSION_SETS}
   *     index
   * @param ciTool {@code terraform} or {@code pulumi}
   * @param ciRole the name of the role that CI pipelines assume
   */
  /**
   * Returns the number of machine identities: per AWS account its workload roles, IAM users and CI
   * role, per Azure subscription its deployment service principal and managed identity, per GCP
   * project its two service accounts. Service-linked roles of the providers are not counted.
   */
  int machineIdentities() {
    int count = 0;
    for (AwsAccount account : awsAccounts) {
      count += account.workloads().size() + account.users().size() + 1;
    }
    return count + 2 * subscriptions.size() + 2 * projects.size();
  }

  record AwsAccount(
      int index,
      String id,
      String name,
      List<String> regions,
      List<String> ssoSuffixes,
      List<Workload> workloads,
      List<String> instances,
      List<IamUser> users,
      String ciTool,
      String ciRole,
      String trail) {

    String homeRegion() {
      return regions.get(0);
    }
  }

  /**
   * A workload that calls AWS from inside AWS with role credentials.
   *
   * @param session the role session name: the instance id for EC2, the function name for Lambda
   * @param sdk which SDK it uses: 0 Boto3, 1 Java, 2 Go, 3 JavaScript
   * @param address the public address its calls come from
   * @param callsPerSlice the mean number of calls per five minutes
   */
  record Workload(
      String role,
      String roleArn,
      String roleId,
      String session,
      boolean lambda,
      int sdk,
      String region,
      String address,
      int callsPerSlice) {}

  /** An IAM user with a long-term access key, used by a script in an office. */
  record IamUser(String name, String arn, String principalId, String accessKeyId) {}

  /** An Azure subscription with one resource group of virtual machines. */
  record AzureSubscription(
      int index,
      String id,
      String name,
      String resourceGroup,
      String location,
      List<String> vms,
      String pipelineAppId,
      String pipelineObjectId,
      String managedIdentityObjectId) {}

  /** A GCP project with Compute Engine instances and two service accounts. */
  record GcpProject(
      int index,
      String id,
      long number,
      String zone,
      List<String> instances,
      String workloadAccount,
      String deployAccount) {}

  /**
   * A person of the organisation.
   *
   * @param accounts indexes of the AWS accounts they can sign in to
   * @param permissionSet index into {@link #PERMISSION_SETS}
   * @param subscription index of their Azure subscription, or -1
   * @param project index of their GCP project, or -1
   * @param style weights of console, CLI, CloudShell and PowerShell use
   * @param workStart the local hour their working day starts
   * @param intensity multiplier of how many calls they make when active
   */
  record Person(
      int index,
      String displayName,
      String email,
      String objectId,
      ZoneId zone,
      String officeAddress,
      String homeAddress,
      List<Integer> accounts,
      int permissionSet,
      int subscription,
      int project,
      List<Double> style,
      String cliVersion,
      String operatingSystem,
      String browser,
      int workStart,
      double intensity) {

    /** Returns {@link #style()} as weights for {@link Rng#weighted(double[])}. */
    double[] styleWeights() {
      return style.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }
}

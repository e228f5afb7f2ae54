package dev.skywarden.corpus;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Generates the benign CloudTrail records of one AWS account in one slice: people, CI pipelines,
 * workloads, IAM users of scripts, and AWS services.
 *
 * <p>Each caller draws from its own {@link Rng} stream keyed by seed, caller and slice, so the
 * records of an account do not depend on other accounts or on thread scheduling. Stateless and
 * thread-safe.
 */
final class AwsActivity {

  private static final long SALT_PERSON = Rng.hash("aws-person-slice");
  private static final long SALT_WORKLOAD = Rng.hash("aws-workload-slice");
  private static final long SALT_USER = Rng.hash("aws-user-slice");
  private static final long SALT_CI_DAY = Rng.hash("aws-ci-day");
  private static final long SALT_CI_RUN = Rng.hash("aws-ci-run");
  private static final long SALT_SERVICE = Rng.hash("aws-service-slice");

  private AwsActivity() {}

  static void generate(
      Organisation org,
      Organisation.AwsAccount account,
      Slice slice,
      PeoplePlan.Activity[] plan,
      List<Emitted> out) {
    for (Organisation.Person person : org.people) {
      PeoplePlan.Activity activity = plan[person.index()];
      if (activity != null
          && activity.cloud() == Cloud.AWS
          && activity.target() == account.index()) {
        person(org, account, person, activity, slice, out);
      }
    }
    for (Organisation.Workload workload : account.workloads()) {
      workload(org, account, workload, slice, out);
    }
    scripts(org, account, slice, out);
    ci(org, account, slice, out);
    services(org, account, slice, out);
  }

  private static void person(
      Organisation org,
      Organisation.AwsAccount account,
      Organisation.Person person,
      PeoplePlan.Activity activity,
      Slice slice,
      List<Emitted> out) {
    Rng rng = Rng.of(org.seed, SALT_PERSON, person.index(), slice.index());
    if (!rng.chance(0.65)) {
      return;
    }
    int style = activity.style();
    boolean console = style == PeoplePlan.CONSOLE;
    boolean cloudShell = style == PeoplePlan.CLOUD_SHELL;
    AwsIdentity identity = AwsIdentities.sso(org, person, account, slice.dayIndex(), console);
    String browserAddress = activity.fromHome() ? person.homeAddress() : person.officeAddress();
    // CloudShell runs in AWS, so its calls come from an AWS address of the region.
    String address =
        cloudShell
            ? Networks.AWS_REGIONS.get(account.homeRegion()).address(person.index() * 7919L)
            : browserAddress;
    boolean readOnlyPermissions = person.permissionSet() == 2;
    long burstStart = rng.nextInt((int) Slice.SECONDS);

    if (console && rng.chance(0.06)) {
      out.add(consoleLogin(identity, slice.at(burstStart - 5), address, person, rng).emit());
    }
    if (cloudShell && rng.chance(0.1)) {
      CloudTrailCall session =
          new CloudTrailCall(
                  slice.at(burstStart - 3),
                  identity,
                  "cloudshell.amazonaws.com",
                  "CreateSession",
                  account.homeRegion(),
                  rng)
              .from(browserAddress, person.browser())
              .request(Json.obj("environmentId", rng.uuid()));
      out.add(session.emit());
    }

    int calls = Math.max(1, rng.poisson(4 * person.intensity()));
    double writeShare = readOnlyPermissions ? 0.03 : 0.1;
    for (int i = 0; i < calls; i++) {
      boolean write = rng.chance(writeShare);
      AwsOperation op =
          write
              ? AwsOperation.pick(AwsMixes.PEOPLE_WRITES, AwsMixes.PEOPLE_WRITE_WEIGHTS, rng)
              : AwsOperation.pick(AwsMixes.PEOPLE_READS, AwsMixes.PEOPLE_READ_WEIGHTS, rng);
      String region = op.global() ? "us-east-1" : account.homeRegion();
      String agent = userAgent(person, style, op, rng);
      Instant time = slice.at(burstStart + rng.nextInt(90));
      CloudTrailCall call =
          new CloudTrailCall(time, identity, op.eventSource(), op.eventName(), region, rng)
              .from(address, agent)
              .readOnly(op.readOnly())
              .request(AwsRequests.of(op, account, rng));
      String error = AwsRequests.error(op, readOnlyPermissions, rng);
      if (error != null) {
        call.error(error, AwsRequests.message(error, op, identity.arn()));
      }
      out.add(call.emit());
    }
  }

  private static String userAgent(Organisation.Person person, int style, AwsOperation op, Rng rng) {
    return switch (style) {
      case PeoplePlan.CONSOLE -> rng.chance(0.5) ? UserAgents.AWS_INTERNAL : person.browser();
      case PeoplePlan.CLOUD_SHELL ->
          UserAgents.awsCli(person.cliVersion(), person.operatingSystem(), op.cliCommand(), true);
      case PeoplePlan.POWERSHELL -> UserAgents.powershell();
      default ->
          UserAgents.awsCli(person.cliVersion(), person.operatingSystem(), op.cliCommand(), false);
    };
  }

  /** A console sign-in through IAM Identity Center, which CloudTrail logs in the member account. */
  static CloudTrailCall consoleLogin(
      AwsIdentity identity, Instant time, String address, Organisation.Person person, Rng rng) {
    CloudTrailCall call =
        new CloudTrailCall(time, identity, "signin.amazonaws.com", "ConsoleLogin", "us-east-1", rng)
            .from(address, person.browser())
            .response(Json.obj("ConsoleLogin", "Success"));
    call.additional =
        Json.obj(
            "LoginTo", "https://console.aws.amazon.com/console/home",
            "MobileVersion", "No",
            "MFAUsed", "No",
            "SamlProviderArn",
                "arn:aws:iam::"
                    + identity.accountId()
                    + ":saml-provider/AWSSSO_"
                    + identity.issuerId().substring(4, 20)
                    + "_DO_NOT_DELETE");
    call.eventType = "AwsConsoleSignIn";
    call.requestId = null;
    return call;
  }

  private static void workload(
      Organisation org,
      Organisation.AwsAccount account,
      Organisation.Workload workload,
      Slice slice,
      List<Emitted> out) {
    Rng rng =
        Rng.of(org.seed, SALT_WORKLOAD, account.index(), Rng.hash(workload.role()), slice.index());
    int hour = slice.start().atZone(ZoneOffset.UTC).getHour();
    double diurnal = 0.7 + 0.6 * Math.sin(Math.PI * hour / 24.0);
    int calls = rng.poisson(workload.callsPerSlice() * diurnal);
    AwsIdentity identity = AwsIdentities.workload(org, account, workload, slice.hourIndex());
    List<AwsOperation> mix = workload.lambda() ? AwsMixes.LAMBDA_WORKLOAD : AwsMixes.EC2_WORKLOAD;
    double[] weights =
        workload.lambda() ? AwsMixes.LAMBDA_WORKLOAD_WEIGHTS : AwsMixes.EC2_WORKLOAD_WEIGHTS;
    String agent =
        switch (workload.sdk()) {
          case 0 -> UserAgents.boto3();
          case 1 -> UserAgents.javaSdk();
          case 2 -> UserAgents.goSdk("ssm");
          default -> UserAgents.nodeSdk();
        };
    for (int i = 0; i < calls; i++) {
      AwsOperation op = AwsOperation.pick(mix, weights, rng);
      CloudTrailCall call =
          new CloudTrailCall(
                  slice.at(rng.nextInt((int) Slice.SECONDS)),
                  identity,
                  op.eventSource(),
                  op.eventName(),
                  workload.region(),
                  rng)
              .from(workload.address(), agent)
              .readOnly(op.readOnly())
              .request(AwsRequests.of(op, account, rng));
      if (rng.chance(0.004)) {
        call.error("ThrottlingException", "Rate exceeded");
      }
      out.add(call.emit());
    }
  }

  /** IAM users with long-term keys, used by scripts on an office server in New York hours. */
  private static void scripts(
      Organisation org, Organisation.AwsAccount account, Slice slice, List<Emitted> out) {
    ZonedDateTime utc = slice.start().atZone(ZoneOffset.UTC);
    boolean weekday =
        utc.getDayOfWeek() != DayOfWeek.SATURDAY && utc.getDayOfWeek() != DayOfWeek.SUNDAY;
    if (!weekday || utc.getHour() < 13 || utc.getHour() >= 23) {
      return;
    }
    for (Organisation.IamUser user : account.users()) {
      Rng rng = Rng.of(org.seed, SALT_USER, account.index(), Rng.hash(user.name()), slice.index());
      if (!rng.chance(0.3)) {
        continue;
      }
      AwsIdentity identity = AwsIdentities.iamUser(account, user);
      String address = Networks.OFFICES.get("America/New_York").address(account.index() + 10L);
      int calls = rng.between(1, 4);
      for (int i = 0; i < calls; i++) {
        AwsOperation op =
            rng.chance(0.7)
                ? AwsOperation.read("ec2", "DescribeSnapshots", 1, "")
                : AwsOperation.write("ec2", "CreateSnapshot", 1, "");
        out.add(
            new CloudTrailCall(
                    slice.at(rng.nextInt(300)),
                    identity,
                    op.eventSource(),
                    op.eventName(),
                    account.homeRegion(),
                    rng)
                .from(address, UserAgents.boto3())
                .readOnly(op.readOnly())
                .request(
                    op.readOnly()
                        ? Json.obj(
                            "ownersSet", Json.obj("items", List.of(Json.obj("owner", "self"))))
                        : Json.obj("volumeId", "vol-0" + rng.hex(16)))
                .emit());
      }
    }
  }

  /**
   * CI pipeline runs: three to eight a weekday between 08:00 and 20:00 UTC, each a few minutes of
   * infrastructure-as-code reads with some writes, after a web-identity role assumption.
   */
  private static void ci(
      Organisation org, Organisation.AwsAccount account, Slice slice, List<Emitted> out) {
    long day = slice.dayIndex();
    ZonedDateTime utc = slice.start().atZone(ZoneOffset.UTC);
    if (utc.getDayOfWeek() == DayOfWeek.SATURDAY || utc.getDayOfWeek() == DayOfWeek.SUNDAY) {
      return;
    }
    Rng dayRng = Rng.of(org.seed, SALT_CI_DAY, account.index(), day);
    int runs = dayRng.between(3, 8);
    for (int run = 0; run < runs; run++) {
      long startSecond = day * 86_400 + 8 * 3600 + dayRng.nextInt(12 * 3600);
      int duration = dayRng.between(120, 600);
      int calls = dayRng.between(40, 250);
      long sliceStart = slice.start().getEpochSecond();
      if (startSecond >= sliceStart + Slice.SECONDS || startSecond + duration < sliceStart) {
        continue;
      }
      long runId = day * 100 + run + 10_000_000L;
      ciRun(org, account, slice, runId, startSecond, duration, calls, out);
    }
  }

  private static void ciRun(
      Organisation org,
      Organisation.AwsAccount account,
      Slice slice,
      long runId,
      long startSecond,
      int duration,
      int calls,
      List<Emitted> out) {
    Instant created = Instant.ofEpochSecond(startSecond);
    AwsIdentity identity = AwsIdentities.ci(org, account, runId, created);
    String agent =
        account.ciTool().equals("terraform") ? UserAgents.terraformAws() : UserAgents.pulumiAws();
    String address = Networks.AZURE.address(runId * 31 + account.index());
    long sliceStart = slice.start().getEpochSecond();
    for (int i = -1; i < calls; i++) {
      long second = i < 0 ? startSecond : startSecond + 2 + (long) i * duration / calls;
      if (second < sliceStart || second >= sliceStart + Slice.SECONDS) {
        continue;
      }
      Rng rng = Rng.of(org.seed, SALT_CI_RUN, account.index(), runId, i);
      Instant time = Instant.ofEpochSecond(second);
      if (i < 0) {
        out.add(assumeRoleWithWebIdentity(account, identity, time, address, rng).emit());
        continue;
      }
      boolean write = i > calls * 2 / 3 && rng.chance(0.3);
      AwsOperation op =
          write
              ? AwsOperation.pick(AwsMixes.CI_WRITES, AwsMixes.CI_WRITE_WEIGHTS, rng)
              : AwsOperation.pick(AwsMixes.CI_READS, AwsMixes.CI_READ_WEIGHTS, rng);
      CloudTrailCall call =
          new CloudTrailCall(
                  time,
                  identity,
                  op.eventSource(),
                  op.eventName(),
                  op.global() ? "us-east-1" : account.homeRegion(),
                  rng)
              .from(address, agent)
              .readOnly(op.readOnly())
              .request(AwsRequests.of(op, account, rng));
      if (rng.chance(0.01)) {
        call.error("AccessDenied", AwsRequests.message("AccessDenied", op, identity.arn()));
      }
      out.add(call.emit());
    }
  }

  private static CloudTrailCall assumeRoleWithWebIdentity(
      Organisation.AwsAccount account, AwsIdentity session, Instant time, String address, Rng rng) {
    String subject = "repo:northwind/" + account.name() + ":ref:refs/heads/main";
    AwsIdentity web =
        new AwsIdentity(
            "WebIdentityUser",
            "arn:aws:iam::"
                + account.id()
                + ":oidc-provider/token.actions.githubusercontent.com:sts.amazonaws.com:"
                + subject,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            null,
            false,
            false);
    CloudTrailCall call =
        new CloudTrailCall(
                time,
                web,
                "sts.amazonaws.com",
                "AssumeRoleWithWebIdentity",
                account.homeRegion(),
                rng)
            .from(
                address,
                "aws-sdk-js/3.699.0 ua/2.1 os/linux lang/js md/nodejs#20.18.1 api/sts#3.699.0")
            .readOnly(true)
            .request(
                Json.obj(
                    "roleArn",
                    session.issuerArn(),
                    "roleSessionName",
                    session.principalId().substring(session.principalId().indexOf(':') + 1)))
            .response(
                Json.obj(
                    "credentials", Json.obj("accessKeyId", session.accessKeyId()),
                    "subjectFromWebIdentityToken", subject,
                    "assumedRoleUser",
                        Json.obj("assumedRoleId", session.principalId(), "arn", session.arn())));
    call.recipientAccount = account.id();
    return call;
  }

  /** AWS Config, Auto Scaling, SSM patching and role assumptions by EC2 and Lambda. */
  private static void services(
      Organisation org, Organisation.AwsAccount account, Slice slice, List<Emitted> out) {
    Rng rng = Rng.of(org.seed, SALT_SERVICE, account.index(), slice.index());
    AwsIdentity config =
        AwsIdentities.serviceLinked(
            org, account, "AWSServiceRoleForConfig", "AWSConfig-Describe", "config.amazonaws.com");
    int configCalls = rng.poisson(2);
    for (int i = 0; i < configCalls; i++) {
      AwsOperation op = AwsOperation.pick(AwsMixes.CONFIG_READS, AwsMixes.CONFIG_READ_WEIGHTS, rng);
      out.add(
          new CloudTrailCall(
                  slice.at(rng.nextInt(300)),
                  config,
                  op.eventSource(),
                  op.eventName(),
                  op.global() ? "us-east-1" : account.homeRegion(),
                  rng)
              .from("config.amazonaws.com", "config.amazonaws.com")
              .readOnly(true)
              .request(AwsRequests.of(op, account, rng))
              .emit());
    }

    if (rng.chance(0.3)) {
      AwsIdentity scaling =
          AwsIdentities.serviceLinked(
              org,
              account,
              "AWSServiceRoleForAutoScaling",
              "AutoScaling",
              "autoscaling.amazonaws.com");
      out.add(
          new CloudTrailCall(
                  slice.at(rng.nextInt(300)),
                  scaling,
                  "ec2.amazonaws.com",
                  "DescribeInstanceStatus",
                  account.homeRegion(),
                  rng)
              .from("autoscaling.amazonaws.com", "autoscaling.amazonaws.com")
              .readOnly(true)
              .request(
                  Json.obj(
                      "instancesSet",
                      Json.obj(
                          "items", List.of(Json.obj("instanceId", rng.pick(account.instances()))))))
              .emit());
    }

    for (Organisation.Workload workload : account.workloads()) {
      if (!rng.chance(workload.lambda() ? 0.5 : 1.0 / 72)) {
        continue;
      }
      String service = workload.lambda() ? "lambda.amazonaws.com" : "ec2.amazonaws.com";
      CloudTrailCall call =
          new CloudTrailCall(
                  slice.at(rng.nextInt(300)),
                  AwsIdentities.awsService(service),
                  "sts.amazonaws.com",
                  "AssumeRole",
                  workload.region(),
                  rng)
              .from(service, service)
              .readOnly(true)
              .request(
                  Json.obj("roleArn", workload.roleArn(), "roleSessionName", workload.session()));
      call.recipientAccount = account.id();
      call.eventType = "AwsApiCall";
      call.sharedEventId = rng.uuid();
      out.add(call.emit());
    }

    ZonedDateTime utc = slice.start().atZone(ZoneOffset.UTC);
    if (utc.getDayOfWeek() == DayOfWeek.SUNDAY && utc.getHour() == 3 && utc.getMinute() == 0) {
      AwsIdentity ssm =
          AwsIdentities.serviceLinked(
              org, account, "AWSServiceRoleForAmazonSSM", "MaintenanceWindow", "ssm.amazonaws.com");
      Map<String, Object> request =
          Json.obj(
              "instanceIds", List.copyOf(account.instances()),
              "documentName", "AWS-RunPatchBaseline",
              "parameters", "HIDDEN_DUE_TO_SECURITY_REASONS");
      out.add(
          new CloudTrailCall(
                  slice.at(10), ssm, "ssm.amazonaws.com", "SendCommand", account.homeRegion(), rng)
              .from("ssm.amazonaws.com", "ssm.amazonaws.com")
              .request(request)
              .emit());
    }
  }
}

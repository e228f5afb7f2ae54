package dev.skywarden.corpus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The AWS attack scenarios; see {@link Scenarios}. Stateless and thread-safe. */
final class AwsScenarios {

  private AwsScenarios() {}

  private static Organisation.AwsAccount account(Scenarios.Attack a) {
    return a.org.awsAccounts.get(a.rng.nextInt(a.org.awsAccounts.size()));
  }

  /** Picks a person who can sign in to the account, preferring administrators. */
  private static Organisation.Person person(Scenarios.Attack a, Organisation.AwsAccount account) {
    Organisation.Person fallback = null;
    for (Organisation.Person person : a.org.people) {
      if (person.accounts().contains(account.index())) {
        if (person.permissionSet() == 0) {
          return person;
        }
        if (fallback == null) {
          fallback = person;
        }
      }
    }
    return fallback != null ? fallback : a.org.people.get(0);
  }

  /** An administrator's session, as if the person's access portal session were stolen. */
  private static AwsIdentity adminSession(
      Scenarios.Attack a, Organisation.AwsAccount account, Organisation.Person person) {
    AwsIdentity own =
        AwsIdentities.sso(
            a.org, person, account, Math.floorDiv(a.start.getEpochSecond(), 86_400), false);
    String role = Organisation.ssoRoleName(account, 0);
    return new AwsIdentity(
        "AssumedRole",
        own.issuerId() + ":" + person.email(),
        "arn:aws:sts::" + account.id() + ":assumed-role/" + role + "/" + person.email(),
        account.id(),
        "ASIA" + a.rng.keyIdSuffix(16),
        "arn:aws:iam::" + account.id() + ":role/aws-reserved/sso.amazonaws.com/" + role,
        own.issuerId(),
        role,
        a.start.minusSeconds(120).toString(),
        false,
        null,
        false,
        false);
  }

  private static String cli(String command) {
    return UserAgents.awsCli("2.22.4", "os/linux#6.8.0-49-generic md/arch#x86_64", command, false);
  }

  private static void begin(Scenarios.Attack a, AwsIdentity identity, String address) {
    a.actor(identity.arn());
    a.credential = identity.accessKeyId();
    a.address(address);
  }

  private static CloudTrailCall call(
      Scenarios.Attack a,
      Instant time,
      AwsIdentity identity,
      String service,
      String name,
      String region,
      String address,
      String agent,
      boolean readOnly) {
    return new CloudTrailCall(time, identity, service + ".amazonaws.com", name, region, a.rng)
        .from(address, agent)
        .readOnly(readOnly);
  }

  static boolean stolenKeyFromHosting(Scenarios.Attack a) {
    Organisation.AwsAccount account = account(a);
    Organisation.IamUser user = account.users().get(0);
    AwsIdentity identity = AwsIdentities.iamUser(account, user);
    String address = Scenarios.hostingAddress(a, 0);
    a.describe(
        "An IAM user's access key, normally used by an office script, is used through the AWS CLI from a hosting provider",
        Cloud.AWS,
        account.id(),
        "T1078.004",
        "T1059.009",
        "T1580");
    begin(a, identity, address);
    String[][] calls = {
      {"sts", "GetCallerIdentity", "sts.get-caller-identity", account.homeRegion()},
      {"s3", "ListBuckets", "s3.ls", "us-east-1"},
      {"ec2", "DescribeInstances", "ec2.describe-instances", account.homeRegion()},
      {"ec2", "DescribeInstances", "ec2.describe-instances", "us-west-2"},
      {"ec2", "DescribeSnapshots", "ec2.describe-snapshots", account.homeRegion()},
      {"iam", "ListUsers", "iam.list-users", "us-east-1"},
      {"secretsmanager", "ListSecrets", "secretsmanager.list-secrets", account.homeRegion()},
      {"ec2", "CreateSnapshot", "ec2.create-snapshot", account.homeRegion()},
    };
    for (String[] c : calls) {
      CloudTrailCall call =
          call(
              a,
              a.next(8, 40),
              identity,
              c[0],
              c[1],
              c[3],
              address,
              cli(c[2]),
              !c[1].startsWith("Create"));
      if (c[0].equals("iam") || c[0].equals("secretsmanager")) {
        call.error(
            "AccessDenied",
            "User: " + identity.arn() + " is not authorized to perform: " + c[0] + ":" + c[1]);
      }
      a.add(call);
    }
    return true;
  }

  static boolean cloudShellPersistence(Scenarios.Attack a) {
    Organisation.AwsAccount account = account(a);
    Organisation.Person person = person(a, account);
    AwsIdentity identity = adminSession(a, account, person);
    String browser = Scenarios.hostingAddress(a, 2);
    String shell = Networks.AWS_REGIONS.get(account.homeRegion()).random(a.rng);
    a.describe(
        "A stolen console session opens CloudShell and creates an IAM user with an access key and administrator rights",
        Cloud.AWS,
        account.id(),
        "T1059.009",
        "T1136.003",
        "T1098.001");
    begin(a, identity, browser);
    a.address(shell);
    String ua = UserAgents.browser(a.rng);
    for (String name : new String[] {"CreateEnvironment", "CreateSession", "PutCredentials"}) {
      a.add(
          call(
              a,
              a.next(2, 10),
              identity,
              "cloudshell",
              name,
              account.homeRegion(),
              browser,
              ua,
              false));
    }
    String user = "aws-support-" + a.rng.hex(4);
    String shellAgent = UserAgents.awsCli("2.22.4", "", "iam.create-user", true);
    a.add(
        call(
                a,
                a.next(20, 60),
                identity,
                "iam",
                "CreateUser",
                "us-east-1",
                shell,
                shellAgent,
                false)
            .request(Json.obj("userName", user)));
    a.add(
        call(
                a,
                a.next(5, 20),
                identity,
                "iam",
                "CreateAccessKey",
                "us-east-1",
                shell,
                shellAgent.replace("iam.create-user", "iam.create-access-key"),
                false)
            .request(Json.obj("userName", user))
            .response(
                Json.obj(
                    "accessKey",
                    Json.obj(
                        "userName",
                        user,
                        "accessKeyId",
                        "AKIA" + a.rng.keyIdSuffix(16),
                        "status",
                        "Active"))));
    a.add(
        call(
                a,
                a.next(5, 20),
                identity,
                "iam",
                "AttachUserPolicy",
                "us-east-1",
                shell,
                shellAgent.replace("iam.create-user", "iam.attach-user-policy"),
                false)
            .request(
                Json.obj(
                    "userName", user, "policyArn", "arn:aws:iam::aws:policy/AdministratorAccess")));
    return true;
  }

  static boolean ssmSendCommandFleet(Scenarios.Attack a) {
    Organisation.AwsAccount account = account(a);
    Organisation.Person person = person(a, account);
    AwsIdentity identity = adminSession(a, account, person);
    String address = Scenarios.hostingAddress(a, 1);
    a.describe(
        "A stolen session runs a shell script on many instances with SSM Run Command",
        Cloud.AWS,
        account.id(),
        "T1651");
    begin(a, identity, address);
    a.add(
        call(
            a,
            a.next(5, 20),
            identity,
            "ssm",
            "DescribeInstanceInformation",
            account.homeRegion(),
            address,
            cli("ssm.describe-instance-information"),
            true));
    List<String> instances = account.instances();
    for (int batch = 0; batch * 10 < instances.size() && batch < 4; batch++) {
      List<String> ids =
          new ArrayList<>(
              instances.subList(batch * 10, Math.min(instances.size(), batch * 10 + 10)));
      a.add(
          call(
                  a,
                  a.next(10, 30),
                  identity,
                  "ssm",
                  "SendCommand",
                  account.homeRegion(),
                  address,
                  cli("ssm.send-command"),
                  false)
              .request(
                  Json.obj(
                      "instanceIds",
                      List.copyOf(ids),
                      "documentName",
                      "AWS-RunShellScript",
                      "parameters",
                      "HIDDEN_DUE_TO_SECURITY_REASONS",
                      "interactive",
                      false))
              .response(
                  Json.obj(
                      "command",
                      Json.obj("commandId", a.rng.uuid(), "documentName", "AWS-RunShellScript"))));
    }
    return true;
  }

  static boolean userDataRestart(Scenarios.Attack a) {
    Organisation.AwsAccount account = account(a);
    Organisation.Person person = person(a, account);
    AwsIdentity identity = adminSession(a, account, person);
    String address = Scenarios.hostingAddress(a, 3);
    String instance = account.instances().get(0);
    a.describe(
        "A stolen session stops an instance, replaces its user data with a script and starts it again",
        Cloud.AWS,
        account.id(),
        "T1059.009",
        "T1037");
    begin(a, identity, address);
    Object instances =
        Json.obj("instancesSet", Json.obj("items", List.of(Json.obj("instanceId", instance))));
    a.add(
        call(
                a,
                a.next(5, 20),
                identity,
                "ec2",
                "DescribeInstanceAttribute",
                account.homeRegion(),
                address,
                cli("ec2.describe-instance-attribute"),
                true)
            .request(Json.obj("instanceId", instance, "attribute", "userData")));
    a.add(
        call(
                a,
                a.next(5, 20),
                identity,
                "ec2",
                "StopInstances",
                account.homeRegion(),
                address,
                cli("ec2.stop-instances"),
                false)
            .request(Json.obj("instancesSet", instances)));
    a.add(
        call(
                a,
                a.next(30, 90),
                identity,
                "ec2",
                "ModifyInstanceAttribute",
                account.homeRegion(),
                address,
                cli("ec2.modify-instance-attribute"),
                false)
            .request(Json.obj("instanceId", instance, "userData", "<sensitiveDataRemoved>")));
    a.add(
        call(
                a,
                a.next(5, 20),
                identity,
                "ec2",
                "StartInstances",
                account.homeRegion(),
                address,
                cli("ec2.start-instances"),
                false)
            .request(Json.obj("instancesSet", instances)));
    return true;
  }

  static boolean instanceCredentialsOutside(Scenarios.Attack a) {
    Organisation.AwsAccount account = account(a);
    Organisation.Workload workload = null;
    for (Organisation.Workload candidate : account.workloads()) {
      if (!candidate.lambda()) {
        workload = candidate;
        break;
      }
    }
    if (workload == null) {
      workload = account.workloads().get(0);
    }
    AwsIdentity identity =
        AwsIdentities.workload(
            a.org, account, workload, Math.floorDiv(a.start.getEpochSecond(), 3600));
    String address = Scenarios.hostingAddress(a, 2);
    a.describe(
        "Instance profile credentials taken from an EC2 instance are used from a hosting provider outside AWS",
        Cloud.AWS,
        account.id(),
        "T1552.005",
        "T1078.004");
    begin(a, identity, address);
    String[][] calls = {
      {"sts", "GetCallerIdentity", "sts.get-caller-identity"},
      {"s3", "ListBuckets", "s3.ls"},
      {"iam", "ListRoles", "iam.list-roles"},
      {"ec2", "DescribeInstances", "ec2.describe-instances"},
      {"secretsmanager", "ListSecrets", "secretsmanager.list-secrets"},
    };
    for (String[] c : calls) {
      String region = c[0].equals("iam") || c[0].equals("s3") ? "us-east-1" : workload.region();
      CloudTrailCall call =
          call(a, a.next(5, 30), identity, c[0], c[1], region, address, cli(c[2]), true);
      if (c[0].equals("iam")) {
        call.error(
            "AccessDenied",
            "User: " + identity.arn() + " is not authorized to perform: iam:ListRoles");
      }
      a.add(call);
    }
    return true;
  }

  static boolean enumerationBurst(Scenarios.Attack a) {
    Organisation.AwsAccount account = account(a);
    Organisation.IamUser user = account.users().get(account.users().size() - 1);
    AwsIdentity identity = AwsIdentities.iamUser(account, user);
    String address = Scenarios.hostingAddress(a, 4);
    a.describe(
        "A leaked access key enumerates its permissions: dozens of distinct List, Describe and Get calls, most denied",
        Cloud.AWS,
        account.id(),
        "T1580",
        "T1526",
        "T1087.004");
    begin(a, identity, address);
    String[][] ops = {
      {"iam", "ListUsers"},
      {"iam", "ListRoles"},
      {"iam", "ListGroups"},
      {"iam", "ListPolicies"},
      {"iam", "GetAccountAuthorizationDetails"},
      {"iam", "GetAccountSummary"},
      {"iam", "ListAccessKeys"},
      {"iam", "GetUser"},
      {"iam", "ListAttachedUserPolicies"},
      {"iam", "ListUserPolicies"},
      {"s3", "ListBuckets"},
      {"ec2", "DescribeInstances"},
      {"ec2", "DescribeVolumes"},
      {"ec2", "DescribeSnapshots"},
      {"ec2", "DescribeSecurityGroups"},
      {"ec2", "DescribeVpcs"},
      {"ec2", "DescribeKeyPairs"},
      {"ec2", "DescribeImages"},
      {"lambda", "ListFunctions20150331"},
      {"rds", "DescribeDBInstances"},
      {"rds", "DescribeDBSnapshots"},
      {"dynamodb", "ListTables"},
      {"secretsmanager", "ListSecrets"},
      {"ssm", "DescribeParameters"},
      {"kms", "ListKeys"},
      {"kms", "ListAliases"},
      {"sns", "ListTopics"},
      {"sqs", "ListQueues"},
      {"cloudtrail", "DescribeTrails"},
      {"guardduty", "ListDetectors"},
      {"organizations", "DescribeOrganization"},
      {"organizations", "ListAccounts"},
      {"ecr", "DescribeRepositories"},
      {"eks", "ListClusters"},
      {"ecs", "ListClusters"},
      {"cloudformation", "ListStacks"},
      {"logs", "DescribeLogGroups"},
      {"route53", "ListHostedZones"},
      {"elasticloadbalancing", "DescribeLoadBalancers"},
      {"sts", "GetCallerIdentity"},
    };
    String agent =
        "Boto3/1.35.76 md/Botocore#1.35.76 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.3 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.76";
    for (String[] op : ops) {
      String region =
          op[0].equals("iam")
                  || op[0].equals("organizations")
                  || op[0].equals("route53")
                  || op[1].equals("ListBuckets")
              ? "us-east-1"
              : account.homeRegion();
      CloudTrailCall call =
          call(a, a.next(1, 4), identity, op[0], op[1], region, address, agent, true);
      boolean allowed = op[1].equals("GetCallerIdentity") || op[1].equals("DescribeSnapshots");
      if (!allowed) {
        String code = op[0].equals("ec2") ? "Client.UnauthorizedOperation" : "AccessDenied";
        call.error(
            code,
            "User: " + identity.arn() + " is not authorized to perform: " + op[0] + ":" + op[1]);
      }
      a.add(call);
    }
    return true;
  }

  static boolean cloudTrailDisabled(Scenarios.Attack a) {
    Organisation.AwsAccount account = account(a);
    Organisation.Person person = person(a, account);
    AwsIdentity identity = adminSession(a, account, person);
    String address = Scenarios.hostingAddress(a, 0);
    a.describe(
        "A stolen session stops the account's trail, narrows it to one region, then deletes it",
        Cloud.AWS,
        account.id(),
        "T1562.008");
    begin(a, identity, address);
    String trail =
        "arn:aws:cloudtrail:"
            + account.homeRegion()
            + ":"
            + account.id()
            + ":trail/"
            + account.trail();
    a.add(
        call(
            a,
            a.next(5, 20),
            identity,
            "cloudtrail",
            "DescribeTrails",
            account.homeRegion(),
            address,
            cli("cloudtrail.describe-trails"),
            true));
    a.add(
        call(
                a,
                a.next(5, 20),
                identity,
                "cloudtrail",
                "StopLogging",
                account.homeRegion(),
                address,
                cli("cloudtrail.stop-logging"),
                false)
            .request(Json.obj("name", trail)));
    a.add(
        call(
                a,
                a.next(5, 20),
                identity,
                "cloudtrail",
                "UpdateTrail",
                account.homeRegion(),
                address,
                cli("cloudtrail.update-trail"),
                false)
            .request(Json.obj("name", trail, "isMultiRegionTrail", false)));
    a.add(
        call(
                a,
                a.next(5, 20),
                identity,
                "cloudtrail",
                "DeleteTrail",
                account.homeRegion(),
                address,
                cli("cloudtrail.delete-trail"),
                false)
            .request(Json.obj("name", trail)));
    return true;
  }

  static boolean accessKeyForOtherUser(Scenarios.Attack a) {
    Organisation.AwsAccount account = account(a);
    Organisation.Person person = person(a, account);
    AwsIdentity identity = adminSession(a, account, person);
    String address = Scenarios.hostingAddress(a, 1);
    Organisation.IamUser victim = account.users().get(0);
    a.describe(
        "A stolen session creates a second access key for an existing IAM user",
        Cloud.AWS,
        account.id(),
        "T1098.001");
    begin(a, identity, address);
    a.add(
        call(
                a,
                a.next(5, 20),
                identity,
                "iam",
                "ListAccessKeys",
                "us-east-1",
                address,
                cli("iam.list-access-keys"),
                true)
            .request(Json.obj("userName", victim.name())));
    a.add(
        call(
                a,
                a.next(5, 20),
                identity,
                "iam",
                "CreateAccessKey",
                "us-east-1",
                address,
                cli("iam.create-access-key"),
                false)
            .request(Json.obj("userName", victim.name()))
            .response(
                Json.obj(
                    "accessKey",
                    Json.obj(
                        "userName",
                        victim.name(),
                        "accessKeyId",
                        "AKIA" + a.rng.keyIdSuffix(16),
                        "status",
                        "Active"))));
    return true;
  }
}

#!/usr/bin/env python3
"""Write the example log files under examples/ for AWS, Azure and GCP.

Each cloud gets a small scenario: ordinary activity mixed with an intruder who abuses the control
plane. The output is byte-identical between runs (fixed seed, gzip mtime 0), so the files can be
committed and regenerated. Usage: python3 scripts/make-examples.py [output-dir]
Python 3 standard library only.
"""

import datetime
import gzip
import io
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cloudlog_builders as b  # noqa: E402

SEED = 20261130
ACCOUNT = b.ACCOUNT

# ------------------------------------------------------------------ user agents
KALI = ("aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.8.11-amd64 md/arch#x86_64 lang/python#3.11.9 "
        "md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#kali.2024 md/prompt#off "
        "md/command#{}")
BROWSER = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/131.0.0.0 Safari/537.36")
SHELL = ("aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.1.112-124.190.amzn2023.x86_64 md/arch#x86_64 "
         "lang/python#3.12.6 md/pyimpl#CPython exec-env/CloudShell cfg/retry-mode#standard md/installer#exe "
         "md/distrib#amzn.2023 md/prompt#off md/command#{}")
TF = ("APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.78.0 "
      "(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.5 ua/2.1 os/linux "
      "lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/{}")
BOTO = ("Boto3/1.35.70 md/Botocore#1.35.70 ua/2.0 os/linux#5.10.228-219.884.amzn2.x86_64 md/arch#x86_64 "
        "lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_ECS_FARGATE cfg/retry-mode#legacy Botocore/1.35.70")

ATTACKER_IP = "203.0.113.47"
OFFICE_IP = "198.51.100.23"
CI_IP = "198.51.100.77"


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def gzip_bytes(data):
    """Compress with a zero timestamp and no file name so the output does not change."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", filename="", mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()


def records_json(records):
    return json.dumps({"Records": records}, separators=(",", ":")).encode("utf-8")


# ------------------------------------------------------------------ AWS
def aws_scenario(rng):
    """Return (morning, intrusion, afternoon, app) record lists for 2026-11-30."""
    alice = b.assumed_role("AWSReservedSSO_AdministratorAccess_4f1c2a9b7e3d5c60", "alice@example.com",
                           "ASIAEXAMPLEALICE0001", "2026-11-30T08:58:10Z", role_id="AROAEXAMPLEALICESSO1")
    terraform = b.assumed_role("terraform-ci", "gha-run-9120", "ASIAEXAMPLETFCI00001", "2026-11-30T09:02:40Z",
                               role_id="AROAEXAMPLETFCIROLE1")
    app = b.assumed_role("orders-api-task", "9c2e4a1f7b3d4e6a8c0f2b4d6e8a0c1e", "ASIAEXAMPLEORDERS001",
                         "2026-11-30T08:00:00Z", role_id="AROAEXAMPLEORDERSAP1")
    stolen = b.iam_user("ci-legacy", "AKIAIOSFODNN7CILEGA")
    backdoor = b.iam_user("svc-reporting", "AKIAEXAMPLESVCREP002")
    federated = {
        "type": "FederatedUser", "principalId": f"{ACCOUNT}:svc-reporting",
        "arn": f"arn:aws:sts::{ACCOUNT}:federated-user/svc-reporting", "accountId": ACCOUNT,
        "accessKeyId": "ASIAEXAMPLEFEDTOK001",
        "sessionContext": {
            "sessionIssuer": {"type": "IAMUser", "principalId": "AIDAEXAMPLESVCREP002",
                              "arn": f"arn:aws:iam::{ACCOUNT}:user/svc-reporting", "accountId": ACCOUNT,
                              "userName": "svc-reporting"},
            "attributes": {"creationDate": "2026-11-30T10:58:31Z", "mfaAuthenticated": "false"}}}

    def call(time, source, name, who, ip, agent, **kw):
        return b.ct_event(rng, time=time, source=source, name=name, identity=who, ip=ip, user_agent=agent, **kw)

    def alice_call(time, source, name, **kw):
        return call(time, source, name, alice, OFFICE_IP, BROWSER, console=True, **kw)

    def attacker(time, source, name, who=stolen, **kw):
        command = source.split(".")[0] + "." + name.lower()
        return call(time, source, name, who, ATTACKER_IP, KALI.format(command), **kw)

    morning = [
        call("2026-11-30T08:58:09Z", "signin.amazonaws.com", "ConsoleLogin", {
            "type": "AssumedRole", "principalId": "AROAEXAMPLEALICESSO1:alice@example.com",
            "arn": alice["arn"], "accountId": ACCOUNT, "sessionContext": alice["sessionContext"]},
            OFFICE_IP, BROWSER, event_type="AwsConsoleSignIn", request=None, response={"ConsoleLogin": "Success"},
            additional={"LoginTo": "https://console.aws.amazon.com/console/home", "MobileVersion": "No",
                        "MFAUsed": "No",
                        "SamlProviderArn": f"arn:aws:iam::{ACCOUNT}:saml-provider/AWSSSO_7c1a5e9d2b4f6a80_DO_NOT_DELETE"}),
        alice_call("2026-11-30T09:00:41Z", "ec2.amazonaws.com", "DescribeInstances", read_only=True,
                   request={"instancesSet": {}, "filterSet": {}, "maxResults": 50}, response=None),
        alice_call("2026-11-30T09:01:15Z", "s3.amazonaws.com", "ListBuckets", read_only=True,
                   request={"Host": "s3.amazonaws.com"}, response=None),
        call("2026-11-30T09:02:40Z", "sts.amazonaws.com", "AssumeRoleWithWebIdentity", {
            "type": "WebIdentityUser", "principalId":
            "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com:sts.amazonaws.com:repo:example/infra:ref:refs/heads/main",
            "userName": "repo:example/infra:ref:refs/heads/main", "identityProvider": "token.actions.githubusercontent.com"},
            CI_IP, "aws-sdk-go-v2/1.32.5 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/sts#1.33.1",
            request={"roleArn": f"arn:aws:iam::{ACCOUNT}:role/terraform-ci", "roleSessionName": "gha-run-9120",
                     "durationSeconds": 3600},
            response={"credentials": {"accessKeyId": "ASIAEXAMPLETFCI00001", "sessionToken": "HIDDEN_DUE_TO_SECURITY_REASONS",
                                      "expiration": "Nov 30, 2026, 10:02:40 AM"},
                      "assumedRoleUser": {"assumedRoleId": "AROAEXAMPLETFCIROLE1:gha-run-9120", "arn": terraform["arn"]}}),
        call("2026-11-30T09:03:05Z", "iam.amazonaws.com", "GetRole", terraform, CI_IP, TF.format("iam#1.38.1"),
             read_only=True, request={"roleName": "orders-api-task"}, response=None),
        call("2026-11-30T09:03:09Z", "iam.amazonaws.com", "PutRolePolicy", terraform, CI_IP, TF.format("iam#1.38.1"),
             request={"roleName": "orders-api-task", "policyName": "orders-table", "policyDocument":
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:PutItem\"],\"Resource\":\"arn:aws:dynamodb:us-east-1:111122223333:table/orders\"}]}"},
             response=None),
        call("2026-11-30T09:03:31Z", "lambda.amazonaws.com", "UpdateFunctionCode20150331v2", terraform, CI_IP,
             TF.format("lambda#1.64.0"),
             request={"functionName": "orders-export", "publish": False, "dryRun": False},
             response={"functionName": "orders-export",
                       "functionArn": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:orders-export",
                       "runtime": "python3.12", "codeSize": 18432, "version": "$LATEST"}),
    ]

    intrusion = [
        attacker("2026-11-30T10:41:02Z", "sts.amazonaws.com", "GetCallerIdentity", read_only=True,
                 request=None, response=None),
        attacker("2026-11-30T10:41:19Z", "iam.amazonaws.com", "ListUsers", read_only=True, request=None, response=None),
        attacker("2026-11-30T10:41:26Z", "iam.amazonaws.com", "ListRoles", read_only=True, request=None, response=None),
        attacker("2026-11-30T10:41:40Z", "iam.amazonaws.com", "ListAttachedUserPolicies", read_only=True,
                 request={"userName": "ci-legacy"}, response=None),
        attacker("2026-11-30T10:42:03Z", "s3.amazonaws.com", "ListBuckets", read_only=True,
                 request={"Host": "s3.amazonaws.com"}, response=None),
        attacker("2026-11-30T10:42:30Z", "ec2.amazonaws.com", "DescribeInstances", read_only=True,
                 request={"instancesSet": {}, "filterSet": {}}, response=None),
        attacker("2026-11-30T10:43:12Z", "ssm.amazonaws.com", "DescribeInstanceInformation", read_only=True,
                 request=None, response=None),
        attacker("2026-11-30T10:44:51Z", "iam.amazonaws.com", "CreateAccessKey",
                 request={"userName": "svc-reporting"},
                 response={"accessKey": {"accessKeyId": "AKIAEXAMPLESVCREP002", "status": "Active",
                                         "userName": "svc-reporting", "createDate": "Nov 30, 2026, 10:44:51 AM"}}),
        attacker("2026-11-30T10:45:20Z", "iam.amazonaws.com", "AttachUserPolicy",
                 request={"userName": "svc-reporting", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"},
                 response=None),
        attacker("2026-11-30T10:47:44Z", "ssm.amazonaws.com", "SendCommand", who=backdoor,
                 request={"instanceIds": ["i-0a1b2c3d4e5f60718"], "documentName": "AWS-RunShellScript",
                          "interactive": False, "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS"},
                 response={"command": {"commandId": "5c8d2f3e-7a1b-4c9d-8e0f-1a2b3c4d5e6f",
                                       "documentName": "AWS-RunShellScript", "instanceIds": ["i-0a1b2c3d4e5f60718"],
                                       "status": "Pending", "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS"}}),
        attacker("2026-11-30T10:48:10Z", "ssm.amazonaws.com", "GetCommandInvocation", who=backdoor, read_only=True,
                 request={"commandId": "5c8d2f3e-7a1b-4c9d-8e0f-1a2b3c4d5e6f", "instanceId": "i-0a1b2c3d4e5f60718"},
                 response=None),
        attacker("2026-11-30T10:51:33Z", "ec2.amazonaws.com", "StopInstances", who=backdoor,
                 request={"instancesSet": {"items": [{"instanceId": "i-0b2c3d4e5f6071829"}]}, "force": False},
                 response=None),
        attacker("2026-11-30T10:53:02Z", "ec2.amazonaws.com", "ModifyInstanceAttribute", who=backdoor,
                 request={"instanceId": "i-0b2c3d4e5f6071829", "userData": "<sensitiveDataRemoved>"},
                 response={"requestId": "7d3c9b1a-2e4f-4a6b-8c0d-1e2f3a4b5c6d", "_return": True}),
        attacker("2026-11-30T10:53:40Z", "ec2.amazonaws.com", "StartInstances", who=backdoor,
                 request={"instancesSet": {"items": [{"instanceId": "i-0b2c3d4e5f6071829"}]}}, response=None),
    ]

    afternoon = [
        attacker("2026-11-30T10:58:31Z", "sts.amazonaws.com", "GetFederationToken", who=backdoor,
                 request={"name": "svc-reporting", "durationSeconds": 129600, "policy":
                          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},
                 response={"credentials": {"accessKeyId": "ASIAEXAMPLEFEDTOK001",
                                           "sessionToken": "HIDDEN_DUE_TO_SECURITY_REASONS",
                                           "expiration": "Dec 2, 2026, 10:58:31 PM"},
                           "federatedUser": {"federatedUserId": f"{ACCOUNT}:svc-reporting",
                                             "arn": f"arn:aws:sts::{ACCOUNT}:federated-user/svc-reporting"},
                           "packedPolicySize": 9}),
        call("2026-11-30T10:58:52Z", "signin.amazonaws.com", "GetSigninToken", federated, ATTACKER_IP,
             "python-requests/2.32.3", request=None, response={"GetSigninToken": "Success"},
             additional={"MobileVersion": "No"}, event_type="AwsConsoleSignIn"),
        call("2026-11-30T11:00:14Z", "cloudshell.amazonaws.com", "CreateEnvironment", federated, ATTACKER_IP,
             BROWSER.replace("Macintosh; Intel Mac OS X 10_15_7", "X11; Linux x86_64"), console=True,
             request=None, response={"environmentId": "a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "status": "CREATING"}),
        call("2026-11-30T11:00:40Z", "cloudshell.amazonaws.com", "CreateSession", federated, ATTACKER_IP,
             BROWSER.replace("Macintosh; Intel Mac OS X 10_15_7", "X11; Linux x86_64"), console=True,
             request={"environmentId": "a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"},
             response={"sessionId": "svc-reporting-0c1d2e3f4a5b6c7d8"}),
        call("2026-11-30T11:00:41Z", "cloudshell.amazonaws.com", "PutCredentials", federated, ATTACKER_IP,
             BROWSER.replace("Macintosh; Intel Mac OS X 10_15_7", "X11; Linux x86_64"), console=True,
             request={"environmentId": "a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"}, response=None),
        call("2026-11-30T11:01:55Z", "cloudshell.amazonaws.com", "GetFileUploadUrls", federated, ATTACKER_IP,
             BROWSER.replace("Macintosh; Intel Mac OS X 10_15_7", "X11; Linux x86_64"), console=True,
             request={"environmentId": "a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                      "fileUploadPath": "/home/cloudshell-user/persist.sh"}, response=None),
        call("2026-11-30T11:03:20Z", "iam.amazonaws.com", "CreateUser", federated, "3.208.17.42",
             SHELL.format("iam.create-user"), console=True, request={"userName": "aws-support-sync"},
             response={"user": {"userName": "aws-support-sync", "path": "/", "userId": "AIDAEXAMPLESUPPORT001",
                                "arn": f"arn:aws:iam::{ACCOUNT}:user/aws-support-sync",
                                "createDate": "Nov 30, 2026, 11:03:20 AM"}}),
        attacker("2026-11-30T11:06:12Z", "cloudtrail.amazonaws.com", "StopLogging", who=backdoor,
                 request={"name": f"arn:aws:cloudtrail:us-east-1:{ACCOUNT}:trail/org-trail"}, response=None),
        call("2026-11-30T11:08:45Z", "ec2.amazonaws.com", "DescribeSecurityGroups", alice, OFFICE_IP, BROWSER,
             console=True, read_only=True, request={"securityGroupSet": {}, "filterSet": {}}, response=None),
    ]

    app_events = [
        call(f"2026-11-30T09:{minute:02d}:{second:02d}Z", "secretsmanager.amazonaws.com", "GetSecretValue", app,
             "10.20.4.31", BOTO, read_only=True,
             request={"secretId": f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:orders/db-AbCdEf"}, response=None)
        for minute, second in ((10, 3), (25, 17), (40, 9))
    ]
    return morning, intrusion, afternoon, app_events


def write_aws(out, rng):
    morning, intrusion, afternoon, app_events = aws_scenario(rng)
    day = os.path.join(out, "aws", "AWSLogs", ACCOUNT, "CloudTrail", "us-east-1", "2026", "11", "30")
    prefix = f"{ACCOUNT}_CloudTrail_us-east-1_20261130T"
    write_bytes(os.path.join(day, prefix + "0905Z_Hq3XkW7rT1bN9cVa.json.gz"), gzip_bytes(records_json(morning)))
    write_bytes(os.path.join(day, prefix + "1045Z_pL2mQ8sD4fG6hJ0k.json"),
                json.dumps({"Records": intrusion}, indent=2).encode("utf-8") + b"\n")
    write_bytes(os.path.join(day, prefix + "1105Z_Zx9Cv7Bn5Mq3Wr1T.json.gz"), gzip_bytes(records_json(afternoon)))

    digest = {
        "awsAccountId": ACCOUNT,
        "digestStartTime": "2026-11-30T10:00:00Z",
        "digestEndTime": "2026-11-30T11:00:00Z",
        "digestS3Bucket": "org-trail-111122223333",
        "digestS3Object": f"AWSLogs/{ACCOUNT}/CloudTrail-Digest/us-east-1/2026/11/30/"
                          f"{ACCOUNT}_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20261130T110000Z.json.gz",
        "digestPublicKeyFingerprint": b.hex_id(rng, 32),
        "digestSignatureAlgorithm": "SHA256withRSA",
        "newestEventTime": "2026-11-30T10:53:40Z",
        "oldestEventTime": "2026-11-30T10:41:02Z",
        "previousDigestS3Bucket": "org-trail-111122223333",
        "previousDigestS3Object": f"AWSLogs/{ACCOUNT}/CloudTrail-Digest/us-east-1/2026/11/30/"
                                  f"{ACCOUNT}_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20261130T100000Z.json.gz",
        "previousDigestHashValue": b.hex_id(rng, 64),
        "previousDigestHashAlgorithm": "SHA-256",
        "previousDigestSignature": b.hex_id(rng, 512),
        "logFiles": [{
            "s3Bucket": "org-trail-111122223333",
            "s3Object": f"AWSLogs/{ACCOUNT}/CloudTrail/us-east-1/2026/11/30/{prefix}1045Z_pL2mQ8sD4fG6hJ0k.json",
            "hashValue": b.hex_id(rng, 64), "hashAlgorithm": "SHA-256",
            "newestEventTime": "2026-11-30T10:53:40Z", "oldestEventTime": "2026-11-30T10:41:02Z"}],
    }
    digest_dir = os.path.join(out, "aws", "AWSLogs", ACCOUNT, "CloudTrail-Digest", "us-east-1", "2026", "11", "30")
    write_bytes(os.path.join(digest_dir, f"{ACCOUNT}_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20261130T110000Z.json.gz"),
                gzip_bytes(json.dumps(digest, separators=(",", ":")).encode("utf-8")))

    envelope = {
        "messageType": "DATA_MESSAGE",
        "owner": ACCOUNT,
        "logGroup": "aws-cloudtrail-logs-111122223333-org",
        "logStream": f"{ACCOUNT}_CloudTrail_us-east-1",
        "subscriptionFilters": ["to-skywarden"],
        "logEvents": [
            {"id": str(rng.getrandbits(62)) + str(rng.getrandbits(30)),
             "timestamp": 1796029803000 + index * 900000,
             "message": json.dumps(event, separators=(",", ":"))}
            for index, event in enumerate(app_events)
        ],
    }
    write_bytes(os.path.join(out, "aws", "cloudwatch-logs", "cloudtrail-subscription-2026-11-30T09.json"),
                json.dumps(envelope, indent=2).encode("utf-8") + b"\n")


# ------------------------------------------------------------------ Azure
def write_azure(out, rng):
    sub = b.SUBSCRIPTION
    rg = f"/subscriptions/{sub}/resourceGroups/rg-orders-prod"
    vm = rg + "/providers/Microsoft.Compute/virtualMachines/vm-orders-01"
    cli_app, portal_app = "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c"
    attacker_ip, admin_ip = "203.0.113.88", "198.51.100.41"
    dana = b.azure_claims(rng, "dana.ops@contoso.example", "5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6", attacker_ip,
                          cli_app, 1796032000)
    erik = b.azure_claims(rng, "erik.admin@contoso.example", "6e2f3a4b-5c6d-4e7f-9081-92a3b4c5d6e7", admin_ip,
                          portal_app, 1796028000, mfa=True)

    def operation(time, resource_id, name, who, ip, outcome="Success", signature="Succeeded.OK", **kw):
        """Return the Start record and the outcome record of one Azure operation."""
        correlation = b.new_uuid(rng)
        start = b.azure_activity(rng, time=time, resource_id=resource_id, operation=name, caller_ip=ip, claims=who,
                                 result_type="Start", result_signature="Started.", correlation_id=correlation, **kw)
        started = datetime.datetime.strptime(time[:19], "%Y-%m-%dT%H:%M:%S")
        end_time = (started + datetime.timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%S") + time[19:]
        end = b.azure_activity(rng, time=end_time, resource_id=resource_id, operation=name, caller_ip=ip, claims=who,
                               result_type=outcome, result_signature=signature, correlation_id=correlation,
                               duration_ms=1000 + rng.randrange(30000), **kw)
        return [start, end]

    role_id = "2c1d0e9f-8a7b-4c6d-9e5f-4a3b2c1d0e9f"
    rg_role_id = "4e3f2a1b-0c9d-4e8f-9a7b-6c5d4e3f2a1b"

    def role_evidence(scope, assignment, role):
        return {"role": role, "roleAssignmentScope": scope, "roleAssignmentId": assignment,
                "roleDefinitionId": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635" if role == "Owner"
                else "b24988ac-6180-42a0-ab88-20f7382dd24c",
                "principalId": "5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6", "principalType": "User"}

    activity = []
    activity += operation("2026-11-30T09:02:10.1183902Z", vm, "Microsoft.Compute/virtualMachines/read", erik, admin_ip)[1:]
    activity += operation("2026-11-30T09:05:44.5204117Z", rg + "/providers/Microsoft.Authorization/roleAssignments/" + rg_role_id,
                          "Microsoft.Authorization/roleAssignments/write", erik, admin_ip, signature="Succeeded.Created",
                          evidence=role_evidence(rg, rg_role_id, "Contributor"), scope=rg)
    activity += operation("2026-11-30T09:14:20.8830215Z", vm, "Microsoft.Compute/virtualMachines/runCommand/action",
                          dana, attacker_ip, outcome="Success", signature="Succeeded.OK")
    activity += operation("2026-11-30T09:17:03.0412287Z",
                          f"/subscriptions/{sub}/providers/Microsoft.Authorization/roleAssignments/{role_id}",
                          "Microsoft.Authorization/roleAssignments/write", dana, attacker_ip,
                          signature="Succeeded.Created", evidence=role_evidence(f"/subscriptions/{sub}", role_id, "Owner"),
                          scope=f"/subscriptions/{sub}")
    activity += operation("2026-11-30T09:19:31.6630048Z", "/providers/Microsoft.Portal/consoles/default",
                          "Microsoft.Portal/consoles/write", dana, attacker_ip)
    activity += operation("2026-11-30T09:24:12.2207719Z",
                          f"/subscriptions/{sub}/providers/microsoft.insights/diagnosticSettings/activity-to-sentinel",
                          "microsoft.insights/diagnosticSettings/delete", dana, "20.50.2.41")
    activity += operation("2026-11-30T09:41:57.3017760Z", rg + "/providers/Microsoft.Storage/storageAccounts/stordersprod",
                          "Microsoft.Storage/storageAccounts/read", erik, admin_ip)[1:]

    activity_path = os.path.join(out, "azure", "insights-activity-logs", f"resourceId=/SUBSCRIPTIONS/{sub.upper()}",
                                 "y=2026", "m=11", "d=30", "h=09", "m=00", "PT1H.json")
    write_bytes(activity_path, "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in activity).encode("utf-8"))

    signins = [
        b.entra_signin(rng, time="2026-11-30T08:57:12.5504121Z", upn="erik.admin@contoso.example",
                       user_id="6e2f3a4b-5c6d-4e7f-9081-92a3b4c5d6e7", app_id=portal_app, app_name="Azure Portal",
                       ip=admin_ip, user_agent=BROWSER, requirement="multiFactorAuthentication", client_app="Browser",
                       auth_details=[{"authenticationMethod": "Password", "succeeded": True,
                                      "authenticationStepRequirement": "Primary authentication"},
                                     {"authenticationMethod": "Mobile app notification", "succeeded": True,
                                      "authenticationStepRequirement": "Secondary authentication"}]),
        b.entra_signin(rng, time="2026-11-30T09:10:38.1027763Z", upn="dana.ops@contoso.example",
                       user_id="5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6", app_id=cli_app, app_name="Microsoft Azure CLI",
                       ip=attacker_ip, user_agent="python-requests/2.32.3", error_code=50126,
                       failure_reason="Invalid username or password or Invalid on-premise username or password.",
                       country="NL", city="Amsterdam"),
        b.entra_signin(rng, time="2026-11-30T09:11:05.7734410Z", upn="dana.ops@contoso.example",
                       user_id="5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6", app_id=cli_app, app_name="Microsoft Azure CLI",
                       ip=attacker_ip, user_agent="python-requests/2.32.3", country="NL", city="Amsterdam"),
    ]
    signin_path = os.path.join(out, "azure", "eventhub-signinlogs", "signinlogs-2026-11-30T09.json")
    write_bytes(signin_path, json.dumps({"records": signins}, indent=2).encode("utf-8") + b"\n")


# ------------------------------------------------------------------ GCP
def write_gcp(out, rng):
    project = b.PROJECT
    attacker_ip, admin_ip, shell_ip = "203.0.113.121", "198.51.100.64", "34.140.17.205"
    shell = ("google-cloud-sdk gcloud/502.0.0 command/gcloud.{} invocation-id/{} environment/devshell "
             "environment-version/None client-os/LINUX client-os-ver/6.6.56 client-pltf-arch/x86_64 interactive/True "
             "from-script/False python/3.12.7 term/screen (Linux 6.6.56+),gzip(gfe)")
    laptop = ("google-cloud-sdk gcloud/502.0.0 command/gcloud.{} invocation-id/{} environment/None "
              "environment-version/None client-os/MACOSX client-os-ver/24.1.0 client-pltf-arch/arm arch/arm64 "
              "interactive/True from-script/False python/3.12.7 term/xterm-256color,gzip(gfe)")
    python_client = "google-api-python-client/2.154.0 (gzip),gzip(gfe)"
    dana, erik = "dana.ops@contoso.example", "erik.admin@contoso.example"
    ci = f"ci-deployer@{project}.iam.gserviceaccount.com"
    instance = f"projects/{project}/zones/europe-west1-b/instances/web-01"
    instance_labels = {"instance_id": "4702183590471623819", "project_id": project, "zone": "europe-west1-b"}
    target_sa = f"projects/{project}/serviceAccounts/billing-export@{project}.iam.gserviceaccount.com"
    sink = f"projects/{project}/sinks/audit-to-siem"

    def agent(template, command):
        return template.format(command, b.hex_id(rng, 32))

    def entry(timestamp, **kw):
        return b.gcp_audit(rng, timestamp=timestamp, **kw)

    def set_iam(timestamp, principal, ip, user_agent, deltas, **kw):
        bindings = [{"role": d["role"], "members": [d["member"]]} for d in deltas]
        return entry(timestamp, principal=principal, caller_ip=ip, user_agent=user_agent,
                     service="cloudresourcemanager.googleapis.com", method="SetIamPolicy",
                     resource_name=f"projects/{project}", resource_type="project",
                     resource_labels={"project_id": project}, permission="resourcemanager.projects.setIamPolicy",
                     request={"@type": "type.googleapis.com/google.iam.v1.SetIamPolicyRequest", "resource": project,
                              "policy": {"bindings": bindings, "etag": "BwYl3x2QzKA="}},
                     response={"@type": "type.googleapis.com/google.iam.v1.Policy", "bindings": bindings,
                               "etag": "BwYl3yB7cNo="},
                     service_data={"@type": "type.googleapis.com/google.iam.v1.logging.AuditData",
                                   "policyDelta": {"bindingDeltas": deltas}}, **kw)

    entries = [
        entry("2026-11-30T08:59:02.771044Z", principal=erik, caller_ip=admin_ip,
              user_agent=agent(laptop, "compute.instances.list"), service="compute.googleapis.com",
              method="v1.compute.instances.list", resource_name=f"projects/{project}/zones/europe-west1-b/instances",
              resource_type="gce_instance", resource_labels={"instance_id": "", "project_id": project,
                                                              "zone": "europe-west1-b"},
              permission="compute.instances.list", log="data_access", severity="INFO"),
        set_iam("2026-11-30T09:04:51.302911Z", ci, "198.51.100.90",
                "Terraform/1.9.8 (+https://www.terraform.io) Terraform-Plugin-SDK/2.33.0 terraform-provider-google/6.12.0,gzip(gfe)",
                [{"action": "ADD", "role": "roles/viewer", "member": "user:new.analyst@contoso.example"}],
                sa_key=b.hex_id(rng, 40)),
        entry("2026-11-30T09:07:33.480117Z", principal=f"{project}.svc.id.goog[orders/orders-api]",
              caller_ip="gce-internal-ip", user_agent="google-api-go-client/0.5 gke-metadata-server,gzip(gfe)",
              service="iamcredentials.googleapis.com", method="GenerateAccessToken",
              resource_name=f"projects/-/serviceAccounts/orders-api@{project}.iam.gserviceaccount.com",
              resource_type="service_account", resource_labels={"email_id": f"orders-api@{project}.iam.gserviceaccount.com",
                                                                "project_id": project, "unique_id": "104958372615094837261"},
              permission="iam.serviceAccounts.getAccessToken", log="data_access", severity="INFO"),
        entry("2026-11-30T09:31:18.118204Z", principal=dana, caller_ip=shell_ip,
              user_agent=agent(shell, "compute.instances.add-metadata"), service="compute.googleapis.com",
              method="v1.compute.instances.setMetadata", resource_name=instance, resource_type="gce_instance",
              resource_labels=instance_labels, permission="compute.instances.setMetadata",
              request={"@type": "type.googleapis.com/compute.instances.setMetadata"},
              response={"@type": "type.googleapis.com/operation", "operationType": "setMetadata", "status": "RUNNING"},
              metadata={"@type": "type.googleapis.com/google.cloud.audit.GceInstanceAuditMetadata",
                        "instanceMetadataDelta": {"addedMetadataKeys": ["startup-script"]}}),
        entry("2026-11-30T09:33:40.905526Z", principal=dana, caller_ip=shell_ip,
              user_agent=agent(shell, "iam.service-accounts.keys.create"), service="iam.googleapis.com",
              method="google.iam.admin.v1.CreateServiceAccountKey", resource_name=f"projects/-/serviceAccounts/{ci}",
              resource_type="service_account", resource_labels={"email_id": ci, "project_id": project,
                                                                "unique_id": "117394820561738492016"},
              permission="iam.serviceAccountKeys.create",
              request={"@type": "type.googleapis.com/google.iam.admin.v1.CreateServiceAccountKeyRequest",
                       "name": f"projects/-/serviceAccounts/{ci}", "private_key_type": 2},
              response={"@type": "type.googleapis.com/google.iam.admin.v1.ServiceAccountKey",
                        "name": f"projects/{project}/serviceAccounts/{ci}/keys/{b.hex_id(rng, 40)}",
                        "key_algorithm": 2, "key_origin": 2, "key_type": 1}),
        set_iam("2026-11-30T09:38:02.551760Z", ci, attacker_ip, python_client,
                [{"action": "ADD", "role": "roles/owner", "member": "user:helpdesk.audit@gmail.com"}],
                sa_key=b.hex_id(rng, 40)),
        entry("2026-11-30T09:40:27.020318Z", principal=ci, caller_ip=attacker_ip, user_agent=python_client,
              service="logging.googleapis.com", method="google.logging.v2.ConfigServiceV2.DeleteSink",
              resource_name=sink, resource_type="logging_sink",
              resource_labels={"name": "audit-to-siem", "destination": "", "project_id": project},
              permission="logging.sinks.delete", sa_key=b.hex_id(rng, 40),
              request={"@type": "type.googleapis.com/google.logging.v2.DeleteSinkRequest", "sinkName": sink}),
        entry("2026-11-30T09:52:44.640091Z", principal=erik, caller_ip=admin_ip,
              user_agent=agent(laptop, "iam.service-accounts.keys.list"), service="iam.googleapis.com",
              method="google.iam.admin.v1.ListServiceAccountKeys", resource_name=target_sa,
              resource_type="service_account", resource_labels={"email_id": target_sa.split("/")[-1],
                                                                "project_id": project, "unique_id": "108273645091827364510"},
              permission="iam.serviceAccountKeys.list", log="data_access", severity="INFO"),
    ]
    write_bytes(os.path.join(out, "gcp", "cloudaudit-2026-11-30.jsonl"),
                "".join(json.dumps(e, separators=(",", ":")) + "\n" for e in entries).encode("utf-8"))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples")
    rng = random.Random(SEED)
    write_aws(out, rng)
    write_azure(out, rng)
    write_gcp(out, rng)


if __name__ == "__main__":
    main()

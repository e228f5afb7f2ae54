"""Builders for realistic CloudTrail, Azure Activity, Entra sign-in and GCP audit log records.

Used by make-examples.py. Every builder takes a random.Random so that callers control the seed
and the output stays byte-identical between runs. Python 3 standard library only.
"""

import uuid

ACCOUNT = "111122223333"
TENANT = "8f3c2b1a-4d5e-4f60-9a7b-1c2d3e4f5a6b"
SUBSCRIPTION = "3a9d7c51-6b2e-4f18-8c0d-5e7f9a1b2c3d"
PROJECT = "skywarden-demo-prod"


def new_uuid(rng):
    """Return a UUID v4 string drawn from rng."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def hex_id(rng, length):
    return "".join(rng.choice("0123456789abcdef") for _ in range(length))


def upper_id(rng, length):
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(length))


# ---------------------------------------------------------------- AWS CloudTrail identities


def iam_user(name, access_key, account=ACCOUNT, principal_id=None):
    return {
        "type": "IAMUser",
        "principalId": principal_id or "AIDA" + access_key[4:20],
        "arn": f"arn:aws:iam::{account}:user/{name}",
        "accountId": account,
        "accessKeyId": access_key,
        "userName": name,
    }


def assumed_role(role, session, access_key, created, mfa=False, account=ACCOUNT, role_id=None):
    role_id = role_id or "AROA" + access_key[4:20]
    return {
        "type": "AssumedRole",
        "principalId": f"{role_id}:{session}",
        "arn": f"arn:aws:sts::{account}:assumed-role/{role}/{session}",
        "accountId": account,
        "accessKeyId": access_key,
        "sessionContext": {
            "sessionIssuer": {
                "type": "Role",
                "principalId": role_id,
                "arn": f"arn:aws:iam::{account}:role/{role}",
                "accountId": account,
                "userName": role,
            },
            "attributes": {"creationDate": created, "mfaAuthenticated": "true" if mfa else "false"},
        },
    }


def root_identity(access_key=None, account=ACCOUNT):
    identity = {
        "type": "Root",
        "principalId": account,
        "arn": f"arn:aws:iam::{account}:root",
        "accountId": account,
    }
    if access_key:
        identity["accessKeyId"] = access_key
    return identity


def ct_event(
    rng,
    *,
    time,
    source,
    name,
    identity,
    ip,
    user_agent,
    region="us-east-1",
    request=None,
    response=None,
    read_only=False,
    event_type="AwsApiCall",
    error=None,
    additional=None,
    resources=None,
    account=ACCOUNT,
    console=False,
    invoked_by=None,
    version="1.09",
):
    """Return one CloudTrail record with the keys in the order CloudTrail writes them."""
    if invoked_by:
        identity = dict(identity)
        identity["invokedBy"] = invoked_by
    event = {
        "eventVersion": version,
        "userIdentity": identity,
        "eventTime": time,
        "eventSource": source,
        "eventName": name,
        "awsRegion": region,
        "sourceIPAddress": ip,
        "userAgent": user_agent,
    }
    if error:
        event["errorCode"] = error[0]
        event["errorMessage"] = error[1]
    event["requestParameters"] = request
    event["responseElements"] = response
    if additional is not None:
        event["additionalEventData"] = additional
    if event_type != "AwsConsoleSignIn":
        event["requestID"] = new_uuid(rng)
    event["eventID"] = new_uuid(rng)
    event["readOnly"] = read_only
    if resources is not None:
        event["resources"] = resources
    event["eventType"] = event_type
    event["managementEvent"] = True
    event["recipientAccountId"] = account
    event["eventCategory"] = "Management"
    if invoked_by is None:
        host = source.replace(".amazonaws.com", "")
        if source in ("iam.amazonaws.com", "sts.amazonaws.com") and region == "us-east-1":
            host_name = f"{host}.amazonaws.com"
        elif source == "signin.amazonaws.com":
            host_name = "signin.aws.amazon.com"
        else:
            host_name = f"{host}.{region}.amazonaws.com"
        event["tlsDetails"] = {
            "tlsVersion": "TLSv1.3",
            "cipherSuite": "TLS_AES_128_GCM_SHA256",
            "clientProvidedHostHeader": host_name,
        }
    if console:
        event["sessionCredentialFromConsole"] = "true"
    return event


# ---------------------------------------------------------------- Azure Activity and Entra ID


def azure_claims(rng, upn, object_id, ip, app_id, time_epoch, mfa=False):
    return {
        "aud": "https://management.core.windows.net/",
        "iss": f"https://sts.windows.net/{TENANT}/",
        "iat": str(time_epoch - 600),
        "nbf": str(time_epoch - 600),
        "exp": str(time_epoch + 4200),
        "http://schemas.microsoft.com/claims/authnclassreference": "1",
        "aio": upper_id(rng, 40),
        "http://schemas.microsoft.com/claims/authnmethodsreferences": "pwd,mfa" if mfa else "pwd",
        "appid": app_id,
        "appidacr": "0",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname": upn.split("@")[0].title(),
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname": upn.split(".")[0].title(),
        "ipaddr": ip,
        "name": upn.split("@")[0].replace(".", " ").title(),
        "http://schemas.microsoft.com/identity/claims/objectidentifier": object_id,
        "puid": "10032001" + hex_id(rng, 8).upper(),
        "http://schemas.microsoft.com/identity/claims/scope": "user_impersonation",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier": upper_id(rng, 43),
        "http://schemas.microsoft.com/identity/claims/tenantid": TENANT,
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name": upn,
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn": upn,
        "uti": upper_id(rng, 22),
        "ver": "1.0",
    }


def azure_activity(
    rng,
    *,
    time,
    resource_id,
    operation,
    caller_ip,
    claims,
    result_type="Success",
    result_signature="Succeeded.OK",
    duration_ms=0,
    correlation_id=None,
    evidence=None,
    scope=None,
    level="Information",
    location="global",
    properties=None,
    category="Administrative",
):
    """Return one Azure Activity Log record in the diagnostic-settings schema."""
    authorization = {"scope": scope or resource_id, "action": operation}
    if evidence is not None:
        authorization["evidence"] = evidence
    props = {
        "eventCategory": category,
        "entity": resource_id,
        "message": operation,
        "hierarchy": f"{TENANT}/{SUBSCRIPTION}",
    }
    if result_type != "Start":
        props["statusCode"] = result_signature.split(".")[-1] if "." in result_signature else "OK"
        props["serviceRequestId"] = new_uuid(rng)
    if properties:
        props.update(properties)
    return {
        "RoleLocation": "East US",
        "time": time,
        "resourceId": resource_id.upper(),
        "operationName": operation.upper(),
        "category": category,
        "resultType": result_type,
        "resultSignature": result_signature,
        "durationMs": str(duration_ms),
        "callerIpAddress": caller_ip,
        "correlationId": correlation_id or new_uuid(rng),
        "identity": {"authorization": authorization, "claims": claims},
        "level": level,
        "location": location,
        "properties": props,
    }


def entra_signin(
    rng,
    *,
    time,
    upn,
    user_id,
    app_id,
    app_name,
    ip,
    user_agent,
    requirement="singleFactorAuthentication",
    error_code=0,
    failure_reason=None,
    resource_name="Windows Azure Service Management API",
    resource_app="797f4846-ba00-4fd7-ba43-dac1f8f63013",
    client_app="Mobile Apps and Desktop clients",
    country="DE",
    city="Frankfurt am Main",
    category="SignInLogs",
    interactive=True,
    auth_details=None,
):
    """Return one Entra ID sign-in record as diagnostic settings deliver it."""
    signin_id = new_uuid(rng)
    correlation = new_uuid(rng)
    status = {"errorCode": error_code}
    if failure_reason:
        status["failureReason"] = failure_reason
    else:
        status["additionalDetails"] = (
            "MFA requirement satisfied by claim in the token"
            if requirement == "multiFactorAuthentication"
            else "First factor authentication passed"
        )
    return {
        "time": time,
        "resourceId": f"/tenants/{TENANT}/providers/Microsoft.aadiam",
        "operationName": "Sign-in activity",
        "operationVersion": "1.0",
        "category": category,
        "tenantId": TENANT,
        "resultType": str(error_code),
        "resultSignature": "None",
        "resultDescription": failure_reason or "",
        "durationMs": 0,
        "callerIpAddress": ip,
        "correlationId": correlation,
        "identity": upn.split("@")[0].replace(".", " ").title(),
        "Level": 4,
        "location": country,
        "properties": {
            "id": signin_id,
            "createdDateTime": time,
            "userDisplayName": upn.split("@")[0].replace(".", " ").title(),
            "userPrincipalName": upn,
            "userId": user_id,
            "appId": app_id,
            "appDisplayName": app_name,
            "ipAddress": ip,
            "status": status,
            "clientAppUsed": client_app,
            "userAgent": user_agent,
            "deviceDetail": {"deviceId": "", "operatingSystem": "Linux", "browser": ""},
            "location": {
                "city": city,
                "state": "",
                "countryOrRegion": country,
            },
            "correlationId": correlation,
            "conditionalAccessStatus": "notApplied",
            "appliedConditionalAccessPolicies": [],
            "isInteractive": interactive,
            "tokenIssuerType": "AzureAD",
            "authenticationRequirement": requirement,
            "authenticationDetails": auth_details
            or [
                {
                    "authenticationMethod": "Password",
                    "succeeded": error_code == 0,
                    "authenticationStepRequirement": "Primary authentication",
                }
            ],
            "resourceDisplayName": resource_name,
            "resourceId": resource_app,
            "resourceTenantId": TENANT,
            "homeTenantId": TENANT,
            "userType": "Member",
            "riskLevelDuringSignIn": "none",
            "riskState": "none",
        },
    }


# ---------------------------------------------------------------- GCP Cloud Audit Logs


def gcp_audit(
    rng,
    *,
    timestamp,
    principal,
    caller_ip,
    user_agent,
    service,
    method,
    resource_name,
    resource_type,
    resource_labels,
    permission,
    request=None,
    response=None,
    metadata=None,
    service_data=None,
    log="activity",
    severity="NOTICE",
    status=None,
    granted=True,
    sa_key=None,
    project=PROJECT,
):
    """Return one Cloud Audit Logs LogEntry with an AuditLog protoPayload."""
    authn = {"principalEmail": principal}
    if principal.endswith(".gserviceaccount.com"):
        authn["principalSubject"] = f"serviceAccount:{principal}"
        if sa_key:
            authn["serviceAccountKeyName"] = (
                f"//iam.googleapis.com/projects/{project}/serviceAccounts/{principal}/keys/{sa_key}"
            )
    else:
        authn["principalSubject"] = f"user:{principal}"
    payload = {
        "@type": "type.googleapis.com/google.cloud.audit.AuditLog",
        "status": status if status is not None else {},
        "authenticationInfo": authn,
        "requestMetadata": {
            "callerIp": caller_ip,
            "callerSuppliedUserAgent": user_agent,
            "requestAttributes": {"time": timestamp, "auth": {}},
            "destinationAttributes": {},
        },
        "serviceName": service,
        "methodName": method,
        "authorizationInfo": [
            {
                "resource": resource_name,
                "permission": permission,
                "granted": granted,
                "resourceAttributes": {"service": service, "name": resource_name},
            }
        ],
        "resourceName": resource_name,
    }
    if service_data is not None:
        payload["serviceData"] = service_data
    if request is not None:
        payload["request"] = request
    if response is not None:
        payload["response"] = response
    if metadata is not None:
        payload["metadata"] = metadata
    receive = timestamp[:-1] + "412Z" if timestamp.endswith("Z") else timestamp
    return {
        "protoPayload": payload,
        "insertId": hex_id(rng, 12),
        "resource": {"type": resource_type, "labels": resource_labels},
        "timestamp": timestamp,
        "severity": severity,
        "logName": f"projects/{project}/logs/cloudaudit.googleapis.com%2F{log}",
        "receiveTimestamp": receive,
    }

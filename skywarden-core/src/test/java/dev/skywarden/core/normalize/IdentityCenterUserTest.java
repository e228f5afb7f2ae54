package dev.skywarden.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.CloudEvent;
import org.junit.jupiter.api.Test;

/** CloudTrail identities of IAM Identity Center users, which carry no ARN. */
class IdentityCenterUserTest {

  private static final String RECORD =
      """
      {"eventVersion": "1.09", "eventTime": "2026-11-30T10:00:00Z",
       "eventSource": "sso.amazonaws.com", "eventName": "ListApplications",
       "awsRegion": "us-east-1", "sourceIPAddress": "203.0.113.8", "eventID": "ic-1",
       "recipientAccountId": "111122223333",
       "userIdentity": {"type": "IdentityCenterUser", "accountId": "111122223333",
         "onBehalfOf": {"userId": "94482488-3041-7026-18f3-be45837cd0e4",
           "identityStoreArn": "arn:aws:identitystore::111122223333:identitystore/d-1234567890"},
         "credentialId": "EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE"}}
      """;

  @Test
  void identityCenterUser_namedByStoreAndUserId() {
    CloudEvent event = Normalize.event(RECORD);

    assertThat(event.actor().type()).isEqualTo(ActorType.FEDERATED_USER);
    assertThat(event.actor().name())
        .isEqualTo(
            "arn:aws:identitystore::111122223333:identitystore/d-1234567890"
                + "/user/94482488-3041-7026-18f3-be45837cd0e4");
    assertThat(event.actor().principalId()).isEqualTo("94482488-3041-7026-18f3-be45837cd0e4");
    assertThat(event.actor().displayName()).isNotEqualTo("unknown");
  }
}

package dev.skywarden.corpus;

import java.util.List;
import java.util.Map;

/** The Azure and Entra ID attack scenarios; see {@link Scenarios}. Stateless and thread-safe. */
final class AzureScenarios {

  private AzureScenarios() {}

  private static Organisation.AzureSubscription subscription(Scenarios.Attack a) {
    return a.org.subscriptions.get(a.rng.nextInt(a.org.subscriptions.size()));
  }

  /** A person with rights on the subscription, else the first person. */
  private static Organisation.Person person(
      Scenarios.Attack a, Organisation.AzureSubscription subscription) {
    for (Organisation.Person person : a.org.people) {
      if (person.subscription() == subscription.index()) {
        return person;
      }
    }
    return a.org.people.get(0);
  }

  private static void pair(
      Scenarios.Attack a,
      Organisation.AzureSubscription subscription,
      String path,
      String action,
      Map<String, Object> claims,
      String address) {
    String correlation = a.rng.uuid();
    a.add(
        AzureRecords.activity(
            a.next(5, 30),
            a.rng.uuid(),
            a.org.tenantId,
            subscription,
            path,
            action,
            "Start",
            claims,
            address,
            correlation));
    a.add(
        AzureRecords.activity(
            a.next(2, 20),
            a.rng.uuid(),
            a.org.tenantId,
            subscription,
            path,
            action,
            "Success",
            claims,
            address,
            correlation));
  }

  static boolean runCommand(Scenarios.Attack a) {
    Organisation.AzureSubscription subscription = subscription(a);
    Organisation.Person person = person(a, subscription);
    String address = Scenarios.hostingAddress(a, 4);
    a.describe(
        "A stolen Azure CLI token runs a script on virtual machines with Run Command from a hosting provider",
        Cloud.AZURE,
        subscription.id(),
        "T1651");
    a.actor(person.email());
    a.address(address);
    Map<String, Object> claims =
        AzureRecords.userClaims(
            a.org.tenantId,
            person.email(),
            person.displayName(),
            person.objectId(),
            AzureRecords.CLI_APP,
            address);
    List<String> vms = subscription.vms().subList(0, Math.min(3, subscription.vms().size()));
    for (String vm : vms) {
      pair(
          a,
          subscription,
          "Microsoft.Compute/virtualMachines/" + vm,
          "Microsoft.Compute/virtualMachines/runCommand/action",
          claims,
          address);
    }
    return true;
  }

  static boolean diagnosticSettingDeleted(Scenarios.Attack a) {
    Organisation.AzureSubscription subscription = subscription(a);
    Organisation.Person person = person(a, subscription);
    String address = Scenarios.hostingAddress(a, 3);
    a.describe(
        "A stolen session deletes the subscription's diagnostic setting that exports the Activity Log",
        Cloud.AZURE,
        subscription.id(),
        "T1562.008");
    a.actor(person.email());
    a.address(address);
    Map<String, Object> claims =
        AzureRecords.userClaims(
            a.org.tenantId,
            person.email(),
            person.displayName(),
            person.objectId(),
            AzureRecords.CLI_APP,
            address);
    String scope =
        "/subscriptions/"
            + subscription.id()
            + "/providers/microsoft.insights/diagnosticSettings/export-to-siem";
    pair(a, subscription, scope, "Microsoft.Insights/diagnosticSettings/delete", claims, address);
    return true;
  }

  static boolean appCredentialAdded(Scenarios.Attack a) {
    Organisation.Person person = a.org.people.get(a.rng.nextInt(a.org.people.size()));
    String address = Scenarios.hostingAddress(a, 0);
    String appObject = a.rng.uuid();
    a.describe(
        "A stolen session adds a client secret to an application registration and its service principal",
        Cloud.AZURE,
        a.org.tenantId,
        "T1098.001");
    a.actor(person.email());
    a.address(address);
    Map<String, Object> target =
        Json.obj(
            "id",
            appObject,
            "displayName",
            "billing-export",
            "type",
            "Application",
            "modifiedProperties",
            List.of(
                Json.obj(
                    "displayName", "KeyDescription",
                    "oldValue", "[]",
                    "newValue",
                        "[\"[KeyIdentifier="
                            + a.rng.uuid()
                            + ",KeyType=Password,KeyUsage=Verify,DisplayName=backup]\"]")));
    a.add(
        AzureRecords.audit(
            a.next(5, 30),
            a.rng.uuid(),
            a.org.tenantId,
            person,
            address,
            "Update application \u2013 Certificates and secrets management",
            "ApplicationManagement",
            "Core Directory",
            target));
    a.add(
        AzureRecords.audit(
            a.next(5, 30),
            a.rng.uuid(),
            a.org.tenantId,
            person,
            address,
            "Add service principal credentials",
            "ApplicationManagement",
            "Core Directory",
            Json.obj(
                "id", a.rng.uuid(), "displayName", "billing-export", "type", "ServicePrincipal")));
    return true;
  }
}

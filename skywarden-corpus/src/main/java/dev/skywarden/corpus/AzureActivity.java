package dev.skywarden.corpus;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Generates the benign Azure Activity Log records of one subscription in one slice (people, a
 * deployment pipeline, a managed identity) and the Entra ID records of the tenant.
 *
 * <p>The Activity Log records write, delete and action operations, each as a {@code Start} record
 * and a {@code Success} or {@code Failure} record with the same correlation id, as Azure Resource
 * Manager does. Stateless and thread-safe.
 */
final class AzureActivity {

  private static final long SALT_PERSON = Rng.hash("azure-person-slice");
  private static final long SALT_PIPELINE = Rng.hash("azure-pipeline-slice");
  private static final long SALT_ENTRA = Rng.hash("entra-slice");

  /** Operations of people and pipelines: resource path under the group, and action. */
  private static final String[][] OPERATIONS = {
    {"Microsoft.Compute/virtualMachines/%s", "Microsoft.Compute/virtualMachines/write"},
    {"Microsoft.Compute/virtualMachines/%s", "Microsoft.Compute/virtualMachines/start/action"},
    {"Microsoft.Compute/virtualMachines/%s", "Microsoft.Compute/virtualMachines/restart/action"},
    {"Microsoft.Compute/virtualMachines/%s", "Microsoft.Compute/virtualMachines/deallocate/action"},
    {
      "Microsoft.Network/networkSecurityGroups/nsg-%s",
      "Microsoft.Network/networkSecurityGroups/write"
    },
    {"Microsoft.Storage/storageAccounts/st%s", "Microsoft.Storage/storageAccounts/listKeys/action"},
    {"Microsoft.Resources/deployments/deploy-%s", "Microsoft.Resources/deployments/write"},
    {"Microsoft.Web/sites/app-%s", "Microsoft.Web/sites/restart/action"},
    {"Microsoft.KeyVault/vaults/kv-%s", "Microsoft.KeyVault/vaults/write"},
  };

  private static final double[] PERSON_WEIGHTS = {3, 3, 3, 2, 2, 2, 2, 2, 1};
  private static final double[] PIPELINE_WEIGHTS = {4, 0, 0, 0, 3, 1, 6, 2, 1};

  private AzureActivity() {}

  static void generate(
      Organisation org,
      Organisation.AzureSubscription subscription,
      Slice slice,
      PeoplePlan.Activity[] plan,
      List<Emitted> out) {
    for (Organisation.Person person : org.people) {
      PeoplePlan.Activity activity = plan[person.index()];
      if (activity != null
          && activity.cloud() == Cloud.AZURE
          && activity.target() == subscription.index()) {
        person(org, subscription, person, activity, slice, out);
      }
    }
    pipeline(org, subscription, slice, out);
  }

  private static void person(
      Organisation org,
      Organisation.AzureSubscription subscription,
      Organisation.Person person,
      PeoplePlan.Activity activity,
      Slice slice,
      List<Emitted> out) {
    Rng rng = Rng.of(org.seed, SALT_PERSON, person.index(), slice.index());
    if (!rng.chance(0.4)) {
      return;
    }
    String address = activity.fromHome() ? person.homeAddress() : person.officeAddress();
    String app =
        switch (activity.style()) {
          case PeoplePlan.CONSOLE -> AzureRecords.PORTAL_APP;
          case PeoplePlan.POWERSHELL -> AzureRecords.POWERSHELL_APP;
          default -> AzureRecords.CLI_APP;
        };
    Map<String, Object> claims =
        AzureRecords.userClaims(
            org.tenantId, person.email(), person.displayName(), person.objectId(), app, address);
    int operations = rng.between(1, 3);
    for (int i = 0; i < operations; i++) {
      int op = rng.weighted(PERSON_WEIGHTS);
      boolean denied = rng.chance(0.03);
      operation(
          org, subscription, slice.at(rng.nextInt(290)), op, claims, address, denied, rng, out);
    }
  }

  /** A deployment pipeline's service principal, on weekdays between 08:00 and 20:00 UTC. */
  private static void pipeline(
      Organisation org,
      Organisation.AzureSubscription subscription,
      Slice slice,
      List<Emitted> out) {
    ZonedDateTime utc = slice.start().atZone(ZoneOffset.UTC);
    boolean weekday =
        utc.getDayOfWeek() != DayOfWeek.SATURDAY && utc.getDayOfWeek() != DayOfWeek.SUNDAY;
    Rng rng = Rng.of(org.seed, SALT_PIPELINE, subscription.index(), slice.index());
    if (weekday && utc.getHour() >= 8 && utc.getHour() < 20 && rng.chance(0.08)) {
      Map<String, Object> claims =
          AzureRecords.appClaims(
              org.tenantId, subscription.pipelineAppId(), subscription.pipelineObjectId());
      String address = Networks.AZURE.address(slice.index());
      int operations = rng.between(3, 12);
      for (int i = 0; i < operations; i++) {
        operation(
            org,
            subscription,
            slice.at(rng.nextInt(290)),
            rng.weighted(PIPELINE_WEIGHTS),
            claims,
            address,
            false,
            rng,
            out);
      }
    }
    if (rng.chance(0.25)) {
      Map<String, Object> claims =
          AzureRecords.appClaims(
              org.tenantId,
              subscription.managedIdentityObjectId(),
              subscription.managedIdentityObjectId());
      operation(
          org,
          subscription,
          slice.at(rng.nextInt(290)),
          5,
          claims,
          Networks.AZURE.address(subscription.index() + 7L),
          false,
          rng,
          out);
    }
  }

  private static void operation(
      Organisation org,
      Organisation.AzureSubscription subscription,
      Instant time,
      int op,
      Map<String, Object> claims,
      String address,
      boolean denied,
      Rng rng,
      List<Emitted> out) {
    String vm = rng.pick(subscription.vms());
    String path = String.format(java.util.Locale.ROOT, OPERATIONS[op][0], vm.replace("vm-", ""));
    if (op < 4) {
      path = String.format(java.util.Locale.ROOT, OPERATIONS[op][0], vm);
    }
    String correlation = rng.uuid();
    out.add(
        AzureRecords.activity(
            time,
            rng.uuid(),
            org.tenantId,
            subscription,
            path,
            OPERATIONS[op][1],
            "Start",
            claims,
            address,
            correlation));
    out.add(
        AzureRecords.activity(
            time.plusMillis(rng.between(300, 9000)),
            rng.uuid(),
            org.tenantId,
            subscription,
            path,
            OPERATIONS[op][1],
            denied ? "Failure" : "Success",
            claims,
            address,
            correlation));
  }

  /**
   * Entra ID sign-ins of people who start work in this slice, whatever cloud they use, since the
   * organisation signs in to AWS and Google through Entra ID, and a few directory changes.
   */
  static void entra(Organisation org, Slice slice, PeoplePlan.Activity[] plan, List<Emitted> out) {
    for (Organisation.Person person : org.people) {
      PeoplePlan.Activity activity = plan[person.index()];
      if (activity == null) {
        continue;
      }
      Rng rng = Rng.of(org.seed, SALT_ENTRA, person.index(), slice.index());
      if (!rng.chance(0.05)) {
        continue;
      }
      String address = activity.fromHome() ? person.homeAddress() : person.officeAddress();
      String[] app =
          switch (activity.cloud()) {
            case AWS ->
                new String[] {"9b4e6c21-7a5d-4f3e-8c2b-1d0e9f8a7b6c", "AWS IAM Identity Center"};
            case GCP -> new String[] {"4f1e2d3c-5b6a-4789-9a0b-c1d2e3f4a5b6", "Google Cloud"};
            default ->
                activity.style() == PeoplePlan.CONSOLE
                    ? new String[] {AzureRecords.PORTAL_APP, "Azure Portal"}
                    : new String[] {AzureRecords.CLI_APP, "Microsoft Azure CLI"};
          };
      int error = rng.chance(0.04) ? 50126 : 0;
      String country =
          person.zone().getId().startsWith("America")
              ? "US"
              : person.zone().getId().startsWith("Europe/London")
                  ? "GB"
                  : person.zone().getId().startsWith("Europe")
                      ? "DE"
                      : person.zone().getId().startsWith("Asia/Kolkata")
                          ? "IN"
                          : person.zone().getId().startsWith("Asia") ? "SG" : "AU";
      out.add(
          AzureRecords.signIn(
              slice.at(rng.nextInt(300)),
              rng.uuid(),
              org.tenantId,
              person,
              app[0],
              app[1],
              address,
              person.browser(),
              error,
              country));
    }

    Rng rng = Rng.of(org.seed, SALT_ENTRA, -1, slice.index());
    if (rng.chance(0.03) && !org.people.isEmpty()) {
      Organisation.Person admin = org.people.get(0);
      Organisation.Person target = rng.pick(org.people);
      out.add(
          AzureRecords.audit(
              slice.at(rng.nextInt(300)),
              rng.uuid(),
              org.tenantId,
              admin,
              admin.officeAddress(),
              rng.chance(0.5) ? "Update user" : "Add member to group",
              "UserManagement",
              "Core Directory",
              Json.obj(
                  "id",
                  target.objectId(),
                  "displayName",
                  target.displayName(),
                  "type",
                  "User",
                  "userPrincipalName",
                  target.email())));
    }
  }
}

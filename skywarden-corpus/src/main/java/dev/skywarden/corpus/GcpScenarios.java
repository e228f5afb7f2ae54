package dev.skywarden.corpus;

import java.util.List;

/** The GCP attack scenarios; see {@link Scenarios}. Stateless and thread-safe. */
final class GcpScenarios {

  private GcpScenarios() {}

  private static Organisation.GcpProject project(Scenarios.Attack a) {
    return a.org.projects.get(a.rng.nextInt(a.org.projects.size()));
  }

  private static Organisation.Person person(Scenarios.Attack a, Organisation.GcpProject project) {
    for (Organisation.Person person : a.org.people) {
      if (person.project() == project.index()) {
        return person;
      }
    }
    return a.org.people.get(0);
  }

  private static GcpRecords.Call call(
      Scenarios.Attack a,
      Organisation.GcpProject project,
      String principal,
      String service,
      String method,
      String resource,
      String permission,
      String address,
      String command) {
    return new GcpRecords.Call(
            a.next(5, 40), project, principal, service, method, resource, permission, a.rng)
        .from(address, UserAgents.gcloud(command, false));
  }

  static boolean startupScript(Scenarios.Attack a) {
    Organisation.GcpProject project = project(a);
    Organisation.Person person = person(a, project);
    String address = Scenarios.hostingAddress(a, 1);
    String instance =
        "projects/"
            + project.id()
            + "/zones/"
            + project.zone()
            + "/instances/"
            + project.instances().get(0);
    a.describe(
        "A stolen gcloud credential adds a startup script to an instance's metadata and resets it",
        Cloud.GCP,
        project.id(),
        "T1059.009",
        "T1037");
    a.actor(person.email());
    a.address(address);
    GcpRecords.Call set =
        call(
                a,
                project,
                person.email(),
                "compute.googleapis.com",
                "v1.compute.instances.setMetadata",
                instance,
                "compute.instances.setMetadata",
                address,
                "compute.instances.add-metadata")
            .write(true);
    set.metadata =
        Json.obj("instanceMetadataDelta", Json.obj("addedMetadataKeys", List.of("startup-script")));
    a.add(set.emit());
    a.add(
        call(
                a,
                project,
                person.email(),
                "compute.googleapis.com",
                "v1.compute.instances.reset",
                instance,
                "compute.instances.reset",
                address,
                "compute.instances.reset")
            .write(true)
            .emit());
    return true;
  }

  static boolean sinkDeleted(Scenarios.Attack a) {
    Organisation.GcpProject project = project(a);
    Organisation.Person person = person(a, project);
    String address = Scenarios.hostingAddress(a, 2);
    a.describe(
        "A stolen gcloud credential deletes the project's log sink to the security team",
        Cloud.GCP,
        project.id(),
        "T1562.008");
    a.actor(person.email());
    a.address(address);
    a.add(
        call(
                a,
                project,
                person.email(),
                "logging.googleapis.com",
                "google.logging.v2.ConfigServiceV2.ListSinks",
                "projects/" + project.id(),
                "logging.sinks.list",
                address,
                "logging.sinks.list")
            .emit());
    a.add(
        call(
                a,
                project,
                person.email(),
                "logging.googleapis.com",
                "google.logging.v2.ConfigServiceV2.DeleteSink",
                "projects/" + project.id() + "/sinks/security-export",
                "logging.sinks.delete",
                address,
                "logging.sinks.delete")
            .write(true)
            .emit());
    return true;
  }

  static boolean serviceAccountKeyCreated(Scenarios.Attack a) {
    Organisation.GcpProject project = project(a);
    Organisation.Person person = person(a, project);
    String address = Scenarios.hostingAddress(a, 3);
    String account = "projects/" + project.id() + "/serviceAccounts/" + project.deployAccount();
    a.describe(
        "A stolen gcloud credential creates a key for the deployment service account",
        Cloud.GCP,
        project.id(),
        "T1098.001");
    a.actor(person.email());
    a.address(address);
    a.add(
        call(
                a,
                project,
                person.email(),
                "iam.googleapis.com",
                "google.iam.admin.v1.ListServiceAccounts",
                "projects/" + project.id(),
                "iam.serviceAccounts.list",
                address,
                "iam.service-accounts.list")
            .emit());
    a.add(
        call(
                a,
                project,
                person.email(),
                "iam.googleapis.com",
                "google.iam.admin.v1.CreateServiceAccountKey",
                account,
                "iam.serviceAccountKeys.create",
                address,
                "iam.service-accounts.keys.create")
            .write(true)
            .emit());
    return true;
  }
}

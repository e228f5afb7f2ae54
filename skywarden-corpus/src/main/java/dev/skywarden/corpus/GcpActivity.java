package dev.skywarden.corpus;

import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Generates the benign Cloud Audit Logs entries of one GCP project in one slice: people in the
 * console, gcloud or Cloud Shell, a workload service account and a Terraform deployer. Stateless
 * and thread-safe.
 */
final class GcpActivity {

  private static final long SALT_PERSON = Rng.hash("gcp-person-slice");
  private static final long SALT_MACHINE = Rng.hash("gcp-machine-slice");

  /** Service, method, permission, gcloud command and whether it writes. */
  private static final String[][] OPERATIONS = {
    {
      "compute.googleapis.com",
      "v1.compute.instances.list",
      "compute.instances.list",
      "compute.instances.list",
      "r"
    },
    {
      "compute.googleapis.com",
      "v1.compute.instances.get",
      "compute.instances.get",
      "compute.instances.describe",
      "r"
    },
    {
      "compute.googleapis.com",
      "v1.compute.instances.stop",
      "compute.instances.stop",
      "compute.instances.stop",
      "w"
    },
    {
      "compute.googleapis.com",
      "v1.compute.instances.start",
      "compute.instances.start",
      "compute.instances.start",
      "w"
    },
    {
      "compute.googleapis.com",
      "v1.compute.instances.setLabels",
      "compute.instances.setLabels",
      "compute.instances.add-labels",
      "w"
    },
    {
      "storage.googleapis.com",
      "storage.buckets.list",
      "storage.buckets.list",
      "storage.buckets.list",
      "r"
    },
    {
      "storage.googleapis.com",
      "storage.buckets.update",
      "storage.buckets.update",
      "storage.buckets.update",
      "w"
    },
    {
      "cloudresourcemanager.googleapis.com",
      "GetIamPolicy",
      "resourcemanager.projects.getIamPolicy",
      "projects.get-iam-policy",
      "r"
    },
    {
      "iam.googleapis.com",
      "google.iam.admin.v1.ListServiceAccounts",
      "iam.serviceAccounts.list",
      "iam.service-accounts.list",
      "r"
    },
    {
      "logging.googleapis.com",
      "google.logging.v2.LoggingServiceV2.ListLogEntries",
      "logging.logEntries.list",
      "logging.read",
      "r"
    },
    {
      "secretmanager.googleapis.com",
      "google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion",
      "secretmanager.versions.access",
      "secrets.versions.access",
      "r"
    },
  };

  private static final double[] PERSON_WEIGHTS = {8, 4, 1, 1, 1, 3, 1, 2, 2, 3, 1};

  private GcpActivity() {}

  static void generate(
      Organisation org,
      Organisation.GcpProject project,
      Slice slice,
      PeoplePlan.Activity[] plan,
      List<Emitted> out) {
    for (Organisation.Person person : org.people) {
      PeoplePlan.Activity activity = plan[person.index()];
      if (activity != null
          && activity.cloud() == Cloud.GCP
          && activity.target() == project.index()) {
        person(org, project, person, activity, slice, out);
      }
    }
    machines(org, project, slice, out);
  }

  private static void person(
      Organisation org,
      Organisation.GcpProject project,
      Organisation.Person person,
      PeoplePlan.Activity activity,
      Slice slice,
      List<Emitted> out) {
    Rng rng = Rng.of(org.seed, SALT_PERSON, person.index(), slice.index());
    if (!rng.chance(0.6)) {
      return;
    }
    boolean shell = activity.style() == PeoplePlan.CLOUD_SHELL;
    boolean console = activity.style() == PeoplePlan.CONSOLE;
    String address =
        shell
            ? Networks.GCP.address(person.index() * 104_729L)
            : activity.fromHome() ? person.homeAddress() : person.officeAddress();
    int calls = Math.max(1, rng.poisson(3 * person.intensity()));
    long burst = rng.nextInt(240);
    for (int i = 0; i < calls; i++) {
      String[] op = OPERATIONS[rng.weighted(PERSON_WEIGHTS)];
      String agent = console ? UserAgents.googleConsole(rng) : UserAgents.gcloud(op[3], shell);
      GcpRecords.Call call =
          new GcpRecords.Call(
                  slice.at(burst + rng.nextInt(60)),
                  project,
                  person.email(),
                  op[0],
                  op[1],
                  resource(project, op[0], rng),
                  op[2],
                  rng)
              .from(address, agent)
              .write(op[4].equals("w"));
      if (rng.chance(0.02)) {
        call.errorCode = 7;
      }
      out.add(call.emit());
    }
  }

  private static String resource(Organisation.GcpProject project, String service, Rng rng) {
    if (service.equals("compute.googleapis.com")) {
      return "projects/"
          + project.id()
          + "/zones/"
          + project.zone()
          + "/instances/"
          + rng.pick(project.instances());
    }
    if (service.equals("storage.googleapis.com")) {
      return "projects/_/buckets/" + project.id() + "-data";
    }
    if (service.equals("secretmanager.googleapis.com")) {
      return "projects/" + project.number() + "/secrets/db-password/versions/latest";
    }
    return "projects/" + project.id();
  }

  /** The workload service account all day, and the Terraform deployer on weekdays. */
  private static void machines(
      Organisation org, Organisation.GcpProject project, Slice slice, List<Emitted> out) {
    Rng rng = Rng.of(org.seed, SALT_MACHINE, project.index(), slice.index());
    int calls = rng.poisson(4);
    for (int i = 0; i < calls; i++) {
      String[] op = OPERATIONS[10];
      out.add(
          new GcpRecords.Call(
                  slice.at(rng.nextInt(300)),
                  project,
                  project.workloadAccount(),
                  op[0],
                  op[1],
                  resource(project, op[0], rng),
                  op[2],
                  rng)
              .from(
                  Networks.GCP.address(project.index() * 13L + 5), UserAgents.googleClientLibrary())
              .emit());
    }

    ZonedDateTime utc = slice.start().atZone(ZoneOffset.UTC);
    boolean weekday =
        utc.getDayOfWeek() != DayOfWeek.SATURDAY && utc.getDayOfWeek() != DayOfWeek.SUNDAY;
    if (weekday && utc.getHour() >= 8 && utc.getHour() < 20 && rng.chance(0.05)) {
      int changes = rng.between(5, 25);
      for (int i = 0; i < changes; i++) {
        String[] op = OPERATIONS[rng.weighted(new double[] {4, 4, 0, 0, 3, 1, 1, 1, 1, 0, 0})];
        GcpRecords.Call call =
            new GcpRecords.Call(
                    slice.at(rng.nextInt(300)),
                    project,
                    project.deployAccount(),
                    op[0],
                    op[1],
                    resource(project, op[0], rng),
                    op[2],
                    rng)
                .from(Networks.AZURE.address(slice.index()), UserAgents.googleGoClient())
                .write(op[4].equals("w"));
        call.serviceAccountKey =
            "//iam.googleapis.com/projects/"
                + project.id()
                + "/serviceAccounts/"
                + project.deployAccount()
                + "/keys/"
                + Rng.of(org.seed, project.index()).hex(40);
        out.add(call.emit());
      }
    }
  }
}

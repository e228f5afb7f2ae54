package dev.skywarden.corpus;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;

/**
 * Decides, per hour, which people work, in which cloud and target, and with which client.
 *
 * <p>The chance of working follows the person's local time: high in their working hours on weekdays
 * with a dip at lunch, low in the evening, and rare at weekends and at night. Stateless and
 * thread-safe.
 */
final class PeoplePlan {

  /** Console, CLI, CloudShell or PowerShell: index into {@link Organisation.Person#style()}. */
  static final int CONSOLE = 0;

  static final int CLI = 1;
  static final int CLOUD_SHELL = 2;
  static final int POWERSHELL = 3;

  private static final long SALT_HOUR = Rng.hash("person-hour");

  /**
   * What a person does in one hour.
   *
   * @param cloud the cloud they work in
   * @param target index of the AWS account, Azure subscription or GCP project
   * @param style the client: {@link #CONSOLE}, {@link #CLI}, {@link #CLOUD_SHELL} or {@link
   *     #POWERSHELL}
   * @param fromHome whether they call from home instead of the office
   */
  record Activity(Cloud cloud, int target, int style, boolean fromHome) {}

  private PeoplePlan() {}

  /** Returns the person's activity in the hour of the slice, or {@code null} when idle. */
  static Activity activity(Organisation org, Organisation.Person person, Slice slice) {
    Rng rng = Rng.of(org.seed, SALT_HOUR, person.index(), slice.hourIndex());
    ZonedDateTime local = slice.start().atZone(person.zone());
    if (!rng.chance(workChance(person, local))) {
      return null;
    }

    double aws = person.accounts().isEmpty() ? 0 : 70;
    double azure = person.subscription() < 0 ? 0 : 15;
    double gcp = person.project() < 0 ? 0 : 15;
    if (aws + azure + gcp == 0) {
      return null;
    }
    int cloud = rng.weighted(new double[] {aws, azure, gcp});
    int style = rng.weighted(person.styleWeights());
    boolean fromHome = rng.chance(local.getHour() < person.workStart() + 1 ? 0.5 : 0.25);
    if (cloud == 0) {
      return new Activity(Cloud.AWS, rng.pick(person.accounts()), style, fromHome);
    }
    if (cloud == 1) {
      return new Activity(Cloud.AZURE, person.subscription(), style, fromHome);
    }
    return new Activity(Cloud.GCP, person.project(), style, fromHome);
  }

  private static double workChance(Organisation.Person person, ZonedDateTime local) {
    int hour = local.getHour();
    boolean weekend =
        local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
    int start = person.workStart();
    boolean working = hour >= start && hour < start + 9;
    if (weekend) {
      return working ? 0.03 : 0.005;
    }
    if (working) {
      return hour == start + 4 ? 0.3 : 0.6;
    }
    return hour >= start - 2 && hour < start + 13 ? 0.08 : 0.01;
  }
}

package dev.skywarden.core.incident;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds the e-mail address or UPN of a person in a principal name, to link one person's identities
 * across clouds.
 *
 * <ul>
 *   <li>AWS: the session name of an assumed role or federated user, or an IAM user name, when it is
 *       an e-mail address, as IAM Identity Center and most SAML providers set it ({@code
 *       arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/alice@example.com}).
 *   <li>Entra ID and Azure: the UPN ({@code alice@example.com}).
 *   <li>GCP: the {@code principalEmail} of a user; service accounts ({@code *.gserviceaccount.com})
 *       are workloads, not people, and are not linked.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class IdentityLinks {

  private static final Pattern EMAIL =
      Pattern.compile("^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");

  private IdentityLinks() {}

  /**
   * Returns the lower-case e-mail address or UPN of the person behind a principal, or {@code null}
   * when the name contains none or names a GCP service account.
   */
  public static String personOf(String principal) {
    if (principal == null) {
      return null;
    }
    String candidate = principal.strip();
    if (candidate.startsWith("arn:")) {
      candidate = candidate.substring(candidate.lastIndexOf('/') + 1);
    }
    if (!EMAIL.matcher(candidate).matches()) {
      return null;
    }
    String email = candidate.toLowerCase(Locale.ROOT);
    return email.endsWith(".gserviceaccount.com") ? null : email;
  }
}

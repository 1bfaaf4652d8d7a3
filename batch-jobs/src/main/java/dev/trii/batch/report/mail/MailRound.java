package dev.trii.batch.report.mail;

import java.util.List;

/**
 * What one round of sending due mailings did, for the report job's exit description.
 *
 * @param sent mailings the server accepted
 * @param retryLater mailings whose send failed and that will be tried again
 * @param failed mailings given up in this round (their last attempt failed)
 * @param errors what each failed attempt said, prefixed with the report's day
 */
public record MailRound(int sent, int retryLater, int failed, List<String> errors) {

  public MailRound {
    errors = List.copyOf(errors);
  }

  /** A round with nothing due. */
  public static MailRound none() {
    return new MailRound(0, 0, 0, List.of());
  }

  /** Mailings tried in this round. */
  public int attempted() {
    return sent + retryLater + failed;
  }

  /** One line: {@code report mail: 1 sent, 1 to retry, 0 given up (2026-12-04: ...)}. */
  public String describe() {
    String counts = "report mail: " + sent + " sent, " + retryLater + " to retry, " + failed + " given up";
    return errors.isEmpty() ? counts : counts + " (" + String.join("; ", errors) + ")";
  }
}

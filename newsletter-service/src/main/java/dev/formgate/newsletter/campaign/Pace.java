package dev.formgate.newsletter.campaign;

/**
 * How fast a campaign goes out: at most {@code rate} mails per second in all (every instance together), over
 * {@code connections} SMTP connections on each instance.
 */
public record Pace(int rate, int connections) {
}

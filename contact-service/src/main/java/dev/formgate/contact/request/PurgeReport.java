package dev.formgate.contact.request;

import java.util.List;

/**
 * What one retention run did, without personal data.
 *
 * @param purged ids of the requests whose personal data was deleted
 * @param keptUnderLegalHold how many closed requests past their period were kept because of a legal hold
 */
public record PurgeReport(List<String> purged, long keptUnderLegalHold) {
}

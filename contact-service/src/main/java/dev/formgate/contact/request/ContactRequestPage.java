package dev.formgate.contact.request;

import java.util.List;

/** One page of a filtered list, oldest first, and how many match in all. */
public record ContactRequestPage(List<ContactRequestDetails> items, long total) {
}

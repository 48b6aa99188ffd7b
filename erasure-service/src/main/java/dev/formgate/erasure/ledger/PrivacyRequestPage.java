package dev.formgate.erasure.ledger;

import java.util.List;

/** One page of a filtered list, oldest receipt first, and how many match in all. */
public record PrivacyRequestPage(List<PrivacyRequestView> items, long total) {
}

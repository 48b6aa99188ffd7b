/** The privacy officer's HTTP API for filing and tracking data-subject requests. */
package dev.formgate.erasure.ledger.web;

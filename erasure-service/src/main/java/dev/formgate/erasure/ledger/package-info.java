/** The ledger of data-subject requests: deadlines, fan-out to the stores, their outcomes, receipts and exports. */
package dev.formgate.erasure.ledger;

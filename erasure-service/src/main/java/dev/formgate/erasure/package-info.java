/** The ledger of data-subject requests and their fan-out to every registered store. */
package dev.formgate.erasure;

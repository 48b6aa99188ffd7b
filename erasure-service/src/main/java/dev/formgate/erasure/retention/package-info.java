/** Deletes the stores' access data from the ledger when its retention period ends. */
package dev.formgate.erasure.retention;

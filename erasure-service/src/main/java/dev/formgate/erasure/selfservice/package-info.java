/** Self-service data rights ("Meine Daten"): requests verified through the person's mailbox, then filed with the ledger. */
package dev.formgate.erasure.selfservice;

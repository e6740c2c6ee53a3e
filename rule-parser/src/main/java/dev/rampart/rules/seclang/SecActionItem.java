package dev.rampart.rules.seclang;

/**
 * One action of a rule's action list, e.g. {@code id:942100}, {@code t:urlDecodeUni},
 * {@code setvar:'tx.sql_injection_score=+%{tx.critical_anomaly_score}'}, {@code chain}.
 *
 * @param name  the action name, as written (compare ignoring case)
 * @param value the value after ':' with surrounding single quotes removed; null when the action has none
 */
public record SecActionItem(String name, String value) {
}

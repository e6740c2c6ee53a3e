package dev.rampart.rules.seclang;

import java.util.List;

/**
 * Any other directive (SecRuleEngine, SecDefaultAction, SecRuleRemoveById,
 * SecRuleUpdateTargetById, SecComponentSignature, SecRequestBodyAccess, ...), with its arguments
 * split as SecLang splits them (quotes removed). SecDefaultAction's single argument is an action
 * list: {@link SecLangParser#parseActions(String)} reads it.
 *
 * @param name the directive name as written
 * @param args its arguments
 */
public record SecSetting(String file, int line, String name, List<String> args) implements SecDirective {
    public SecSetting {
        args = List.copyOf(args);
    }
}

package dev.memos;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The layer order of docs/ARCHITECTURE.md, top first. A package may use any package in a lower layer
 * and none in its own or a higher one (so siblings stay independent); subpackages belong to their
 * top-level package's layer. Moving a package here means redrawing the doc too.
 */
final class Layers {
    /** Top to bottom; packages on one line are siblings that must not use each other. */
    static final List<List<String>> ORDER = List.of(
            List.of("shell"),
            List.of("app"),
            List.of("arweave"),
            List.of("snapshot", "token"),
            List.of("ring", "backup", "audit"),
            List.of("identity"),
            List.of("config"),
            List.of("crypto"),
            List.of("store"),
            List.of("encoding", "error"));

    static final ArchRule RULE = classes().that().resideInAPackage("dev.memos..").should(dependOnlyDownward())
            .because("each layer uses only the layers below it (docs/ARCHITECTURE.md)");

    private Layers() {
    }

    /** The top-level package of {@code pkg} under dev.memos, or null outside it. */
    static String top(String pkg) {
        if (!pkg.startsWith("dev.memos.")) {
            return null;
        }
        String rest = pkg.substring("dev.memos.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** 0 for the bottom layer, higher upward; -1 for a package in no layer. */
    static int rank(String pkg) {
        String top = top(pkg);
        for (int i = 0; i < ORDER.size(); i++) {
            if (ORDER.get(i).contains(top)) {
                return ORDER.size() - 1 - i;
            }
        }
        return -1;
    }

    private static ArchCondition<JavaClass> dependOnlyDownward() {
        return new ArchCondition<>("depend only on their own package or lower layers") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String from = top(c.getPackageName());
                int own = rank(c.getPackageName());
                if (own < 0) {
                    return; // fixtures outside every layer are judged by the other rules
                }
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    String pkg = d.getTargetClass().getPackageName();
                    String to = top(pkg);
                    if (to == null || to.equals(from)) {
                        continue;
                    }
                    int target = rank(pkg);
                    if (target >= own) {
                        events.add(SimpleConditionEvent.violated(d, from + " may not depend on " + to + ": " + d.getDescription()));
                    }
                }
            }
        };
    }
}

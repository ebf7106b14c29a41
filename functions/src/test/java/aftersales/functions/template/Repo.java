package aftersales.functions.template;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and its sibling shared/ are, from wherever the tests run (the module or the root). */
final class Repo {

    private Repo() {
    }

    /** The clone's root: the nearest folder upwards holding template.yaml next to the functions module. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isDirectory(p.resolve("functions"))) {
                return p;
            }
        }
        throw new IllegalStateException("no template.yaml beside a functions/ folder above " + dir);
    }

    static Path template() {
        return root().resolve("template.yaml");
    }

    static Path events() {
        return root().resolve("events");
    }

    /** shared/ lies beside the clone, here and in CI: {@code <repo>/../shared/schemas/sam.schema.json}. */
    static Path samSchema() {
        return root().resolveSibling("shared").resolve("schemas").resolve("sam.schema.json").normalize();
    }
}

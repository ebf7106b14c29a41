package aftersales.functions.template;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and its sibling shared/ are, from wherever the tests run (the module or the root). */
public final class Repo {

    private Repo() {
    }

    /** The clone's root: the nearest folder upwards holding template.yaml next to the functions module. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isDirectory(p.resolve("functions"))) {
                return p;
            }
        }
        throw new IllegalStateException("no template.yaml beside a functions/ folder above " + dir);
    }

    public static Path template() {
        return root().resolve("template.yaml");
    }

    public static Path events() {
        return root().resolve("events");
    }

    /** shared/ lies beside the clone, here and in CI: {@code <repo>/../shared/schemas/sam.schema.json}. */
    public static Path samSchema() {
        return root().resolveSibling("shared").resolve("schemas").resolve("sam.schema.json").normalize();
    }
}

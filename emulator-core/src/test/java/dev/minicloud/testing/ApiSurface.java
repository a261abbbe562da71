package dev.minicloud.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A module's public API as text, compared with a checked-in file (as MockWebServer keeps its API
 * file): every public type outside the {@code internal} packages, with its public and protected
 * members. A change to the API then shows up in review as a change to that file.
 */
public final class ApiSurface {

    /** Set to {@code true} to rewrite the API file from the compiled classes instead of checking it. */
    public static final String UPDATE_PROPERTY = "minicloud.api.update";

    private ApiSurface() {}

    /**
     * Checks the module under test (the working directory surefire gives it) against its
     * {@code api/<module>.api} file.
     */
    public static void assertModuleApiMatches(String module) throws IOException {
        assertMatches(Path.of("target", "classes"), Path.of("api", module + ".api"));
    }

    /** Fails, with the lines that differ, when the classes' API is not the one in {@code apiFile}. */
    public static void assertMatches(Path classesDir, Path apiFile) throws IOException {
        String actual = render(classesDir);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(apiFile.toAbsolutePath().getParent());
            Files.writeString(apiFile, actual, StandardCharsets.UTF_8);
            return;
        }
        String expected = Files.exists(apiFile) ? Files.readString(apiFile, StandardCharsets.UTF_8) : "";
        if (expected.equals(actual)) {
            return;
        }
        Set<String> was = new LinkedHashSet<>(expected.lines().toList());
        Set<String> now = new LinkedHashSet<>(actual.lines().toList());
        StringBuilder diff = new StringBuilder();
        was.stream()
                .filter(l -> !now.contains(l))
                .forEach(l -> diff.append("- ").append(l).append('\n'));
        now.stream()
                .filter(l -> !was.contains(l))
                .forEach(l -> diff.append("+ ").append(l).append('\n'));
        fail("The public API differs from " + apiFile + " (- removed, + added). If the change is meant, "
                + "rerun with -D" + UPDATE_PROPERTY + "=true and commit the file.\n" + diff);
    }

    /** The API of the classes compiled into {@code classesDir}, one sorted line per type and member. */
    public static String render(Path classesDir) throws IOException {
        TreeMap<String, List<String>> types = new TreeMap<>();
        for (String name : classNames(classesDir)) {
            Class<?> type;
            try {
                type = Class.forName(name, false, ApiSurface.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IOException("compiled class " + name + " is not on the test class path", e);
            }
            if (isApi(type)) {
                types.put(type.getName(), members(type));
            }
        }
        StringBuilder out = new StringBuilder();
        types.forEach((name, lines) -> {
            lines.forEach(l -> out.append(l).append('\n'));
            out.append('\n');
        });
        return out.toString();
    }

    private static List<String> classNames(Path classesDir) throws IOException {
        try (Stream<Path> files = Files.walk(classesDir)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classesDir.relativize(p).toString())
                    .filter(p -> !p.endsWith("module-info.class") && !p.endsWith("package-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static boolean isApi(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        String pkg = type.getPackageName();
        if (pkg.endsWith(".internal") || pkg.contains(".internal.")) {
            return false;
        }
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> members(Class<?> type) {
        List<String> lines = new ArrayList<>();
        lines.add(header(type));
        boolean extensible = !Modifier.isFinal(type.getModifiers()) && !type.isEnum() && !type.isRecord();
        List<String> body = new ArrayList<>();
        // Members print with their declaring type's name, which the header line already gives.
        String qualifier = " " + type.getName() + ".";
        for (Field f : type.getDeclaredFields()) {
            if (visible(f, extensible)) {
                body.add("  " + f.toGenericString().replace(qualifier, " "));
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c, extensible)) {
                body.add("  " + c.toGenericString());
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m, extensible) && !m.isBridge()) {
                body.add("  " + m.toGenericString().replace(qualifier, " "));
            }
        }
        body.sort(null);
        lines.addAll(body);
        return lines;
    }

    private static boolean visible(Member m, boolean extensible) {
        int mod = m.getModifiers();
        return !m.isSynthetic() && (Modifier.isPublic(mod) || (extensible && Modifier.isProtected(mod)));
    }

    private static String header(Class<?> type) {
        StringBuilder h = new StringBuilder(type.toGenericString());
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && !Object.class.equals(superclass) && !type.isEnum() && !type.isRecord()) {
            h.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            h.append(type.isInterface() ? " extends " : " implements ");
            h.append(Stream.of(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        return h.toString();
    }
}

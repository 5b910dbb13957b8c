import { describe, expect, it, vi } from "vitest";

vi.mock("./bindings", () => ({ commands: {} }));
const { CommandError, unwrap } = await import("./api");

describe("unwrap", () => {
  it("returns the data of a successful command", async () => {
    await expect(unwrap(Promise.resolve({ status: "ok" as const, data: 42 }))).resolves.toBe(42);
  });

  it("throws a CommandError carrying code, message and field", async () => {
    const failed = unwrap(
      Promise.resolve({
        status: "error" as const,
        error: { code: "invalid" as const, message: "Enter an email address.", field: "email" },
      }),
    );
    await expect(failed).rejects.toBeInstanceOf(CommandError);
    await failed.catch((e: InstanceType<typeof CommandError>) => {
      expect(e.code).toBe("invalid");
      expect(e.field).toBe("email");
      expect(e.message).toBe("Enter an email address.");
    });
  });

  it("has no field when the error names none", async () => {
    const failed = unwrap(Promise.resolve({ status: "error" as const, error: { code: "refused" as const, message: "No." } }));
    await failed.catch((e: InstanceType<typeof CommandError>) => expect(e.field).toBeNull());
  });
});

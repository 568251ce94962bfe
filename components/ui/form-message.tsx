import type { FormMessage as Message } from "@/components/ui/use-submit";

/** A form's outcome: read out politely on success, as an alert on failure. */
export function FormMessage({ message, className = "text-[12px]" }: { message: Message | null; className?: string }) {
  if (!message) return null;
  return (
    <p role={message.ok ? "status" : "alert"} className={`${className} ${message.ok ? "text-green-800" : "text-red-700"}`}>
      {message.text}
    </p>
  );
}

/** The messages of one field, under the field. */
export function FieldError({ messages, id }: { messages?: string[]; id?: string }) {
  if (!messages?.length) return null;
  return (
    <span id={id} className="block text-[12px] text-red-700">
      {messages.join(" ")}
    </span>
  );
}

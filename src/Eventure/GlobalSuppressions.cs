using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Event is the product's central, specified type name (it mirrors the original library's Event).", Scope = "type", Target = "~T:Eventure.Event")]
[assembly: SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "EventData is the domain name of an event's payload, not a general-purpose dictionary.", Scope = "type", Target = "~T:Eventure.EventData")]
[assembly: SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "EventDataList is named after EventData, whose sequences it holds.", Scope = "type", Target = "~T:Eventure.EventDataList")]

import Learning

// The closed sets the API speaks in: their schemas list the values.
extension Role: SchemaEnumeration {}
extension Sector: SchemaEnumeration {}
extension JobRole: SchemaEnumeration {}
extension Business.Status: SchemaEnumeration {}
extension Certificate.State: SchemaEnumeration {}

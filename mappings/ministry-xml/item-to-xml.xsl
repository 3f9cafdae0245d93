<?xml version="1.0" encoding="UTF-8"?>
<!--
  ministry-xml/item-to-xml
  The hub's forward body {"madonvi": "...", "item": {<one DongBoHoSoMC item>}} -> the XML ministry's
  <GuiHoSo><MaDonVi>...</MaDonVi><HoSo>...</HoSo></GuiHoSo> (ASSUMED format, no public spec; PARTNERS.md).

  Run by MappingEngine.toXml: the JSON text arrives as the parameter $json, the start is template "main".

  Generic on purpose: every item field becomes an element of the same name, in the order of the JSON,
  so fields the portal adds later pass through without touching this file.
    string/number/boolean "X": "v"   -> <X>v</X>          ("" -> <X/>; null -> <X/> as well)
    array  "X": [ {...}, "s" ]       -> <X><Muc>...fields...</Muc><Muc>s</Muc></X>   ([] -> <X/>)
    object "X": {...}                -> <X>...fields...</X>
  A key that is not a legal XML name fails the mapping (XTDE0820) rather than being dropped silently.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    exclude-result-prefixes="#all">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="json" as="xs:string" required="yes"/>

  <xsl:template name="main">
    <!-- json-to-xml, not parse-json: XPath maps lose the key order, the XML form keeps it -->
    <xsl:variable name="body" select="json-to-xml($json)/fn:map"/>
    <xsl:variable name="item" select="$body/fn:map[@key = 'item']"/>
    <xsl:if test="empty($body)">
      <xsl:message terminate="yes">the forward body must be a JSON object {"madonvi", "item"}</xsl:message>
    </xsl:if>
    <xsl:if test="empty($item)">
      <xsl:message terminate="yes">the forward body has no "item" object</xsl:message>
    </xsl:if>
    <GuiHoSo>
      <MaDonVi><xsl:value-of select="$body/fn:*[@key = 'madonvi']"/></MaDonVi>
      <HoSo>
        <xsl:apply-templates select="$item/fn:*"/>
      </HoSo>
    </GuiHoSo>
  </xsl:template>

  <!-- a field: element named after its key -->
  <xsl:template match="fn:*[@key]">
    <xsl:element name="{@key}">
      <xsl:apply-templates select="." mode="content"/>
    </xsl:element>
  </xsl:template>

  <!-- an array entry: one <Muc> -->
  <xsl:template match="fn:array/fn:*" priority="2">
    <Muc>
      <xsl:apply-templates select="." mode="content"/>
    </Muc>
  </xsl:template>

  <xsl:template match="fn:map | fn:array" mode="content">
    <xsl:apply-templates select="fn:*"/>
  </xsl:template>

  <xsl:template match="fn:null" mode="content"/>

  <xsl:template match="fn:string | fn:number | fn:boolean" mode="content">
    <xsl:value-of select="."/>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  ministry-xml/list-to-items
  The XML ministry's pull answer <DanhSachHoSo><TongSo>n</TongSo><HoSo>...</HoSo>...</DanhSachHoSo>
  (ASSUMED format, no public spec; PARTNERS.md) -> {"total": n, "items": [{...item fields..., "TienDo": [...]}]},
  i.e. the same JSON items a JSON ministry sends, for ministry/item-to-canonical.

  Run by MappingEngine.fromXml on the parsed document (DOCTYPEs are refused before this runs).

  Generic inverse of item-to-xml, so fields the ministry adds later pass through:
    <X>text</X>                       -> "X": "text"   (every scalar stays a string, as in the portal model)
    <X/> (X not a known list)         -> "X": ""
    <X><Muc>..</Muc>...</X>           -> "X": [ ... ]  (a <Muc> with child elements -> object, with text only -> string,
                                                         empty -> {} since every portal list holds objects)
    <X/> (X a known list, see $arrays) -> "X": []      (an empty list and an empty string look alike in XML)
    <X><A>..</A>...</X>               -> "X": {...}
  A known list that is absent stays absent. Names are matched by local name, so a namespace on the
  ministry's elements does not matter. TongSo missing -> the number of <HoSo>; not an integer -> error.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    exclude-result-prefixes="#all">

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- the item's list fields (portal DongBoHoSoMC lists plus the pulled TienDo); a parameter so a
       ministry with more lists is configuration, not a new stylesheet -->
  <xsl:param name="arrays" as="xs:string"
      select="'DinhDanhCHS DSKetNoiCSDL TaiLieuNop DanhSachGiayToKetQua DanhSachLePhi DanhSachTepDinhKemKhac DanhSachHoSoBoSung TienDo'"/>
  <xsl:variable name="array-names" select="tokenize(normalize-space($arrays), ' ')"/>

  <xsl:template match="/">
    <xsl:variable name="root" select="*[local-name() = 'DanhSachHoSo']"/>
    <xsl:if test="empty($root)">
      <xsl:message terminate="yes">expected a DanhSachHoSo document, got &lt;<xsl:value-of select="name(*)"/>&gt;</xsl:message>
    </xsl:if>
    <xsl:variable name="items" select="$root/*[local-name() = 'HoSo']"/>
    <xsl:variable name="tongSo" select="normalize-space($root/*[local-name() = 'TongSo'][1])"/>
    <xsl:if test="$tongSo != '' and not($tongSo castable as xs:integer)">
      <xsl:message terminate="yes">TongSo '<xsl:value-of select="$tongSo"/>' is not an integer</xsl:message>
    </xsl:if>
    <xsl:variable name="result">
      <fn:map>
        <fn:number key="total">
          <xsl:value-of select="if ($tongSo = '') then count($items) else xs:integer($tongSo)"/>
        </fn:number>
        <fn:array key="items">
          <xsl:for-each select="$items">
            <fn:map>
              <xsl:apply-templates select="*" mode="field"/>
            </fn:map>
          </xsl:for-each>
        </fn:array>
      </fn:map>
    </xsl:variable>
    <xsl:value-of select="xml-to-json($result)"/>
  </xsl:template>

  <!-- a field of an object: its value with key = the element's local name -->
  <xsl:template match="*" mode="field">
    <xsl:call-template name="value">
      <xsl:with-param name="key" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="value">
    <xsl:param name="key" as="xs:string?"/>
    <xsl:choose>
      <xsl:when test="*[local-name() = 'Muc'] or (not(*) and $key = $array-names and normalize-space(.) = '')">
        <fn:array>
          <xsl:if test="exists($key)"><xsl:attribute name="key" select="$key"/></xsl:if>
          <xsl:for-each select="*[local-name() = 'Muc']">
            <xsl:call-template name="entry"/>
          </xsl:for-each>
        </fn:array>
      </xsl:when>
      <xsl:when test="*">
        <fn:map>
          <xsl:if test="exists($key)"><xsl:attribute name="key" select="$key"/></xsl:if>
          <xsl:apply-templates select="*" mode="field"/>
        </fn:map>
      </xsl:when>
      <xsl:otherwise>
        <fn:string>
          <xsl:if test="exists($key)"><xsl:attribute name="key" select="$key"/></xsl:if>
          <xsl:value-of select="string(.)"/>
        </fn:string>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- one <Muc>: an object when it has fields or nothing at all, else a string -->
  <xsl:template name="entry">
    <xsl:choose>
      <xsl:when test="*">
        <xsl:call-template name="value">
          <xsl:with-param name="key" select="()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="string(.) = ''">
        <fn:map/>
      </xsl:when>
      <xsl:otherwise>
        <fn:string><xsl:value-of select="string(.)"/></fn:string>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
